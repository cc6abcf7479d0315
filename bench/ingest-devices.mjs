// The devices of `bench/ingest.ts`, run in a worker thread (plain JavaScript: a worker does not
// inherit the TypeScript loader). Each connects to the broker over TCP as its own device and keeps
// `inFlight` QoS 1 messages outstanding until time is up, then reports how many were acknowledged.
import { parentPort, workerData } from 'node:worker_threads';
import mqtt from 'mqtt';

const { port, devices, seconds, inFlight, password } = workerData;
const code = (i) => `GATE-${String(i).padStart(6, '0')}`;
const clients = [];
for (let i = 0; i < devices; i++) {
  clients.push(await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clientId: code(i), username: code(i), password, reconnectPeriod: 0, keepalive: 120 }));
}
parentPort.postMessage({ connected: true });
const until = Date.now() + seconds * 1000;
let acked = 0;
await Promise.all(
  clients.flatMap((client, i) =>
    Array.from({ length: inFlight }, async (_, lane) => {
      const topic = `gridgov/access_gate/${code(i)}/event`;
      for (let n = 0; Date.now() < until; n++) {
        await client.publishAsync(topic, JSON.stringify({ id: `${lane}-${n}`, ts: Date.now(), type: 'passage', direction: n % 2 ? 'in' : 'out', method: 'face', temperature: 36.5 }), { qos: 1 });
        acked++;
      }
    }),
  ),
);
await Promise.all(clients.map((c) => c.endAsync(true)));
parentPort.postMessage({ acked });
