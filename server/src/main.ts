/** Start-up: configuration, database, jobs, live channel, HTTP; seeds the demo city in demo mode. */
import { loadConfig } from './platform/config.js';
import { DataDirLockedError } from './platform/db/lock.js';
import { UnsafeDurabilityError } from './platform/db/client.js';
import { startRuntime } from './runtime.js';
import { BackupError } from './platform/backup/crypto.js';
import { isSeeded, seedDemo } from './modules/demo/seed-demo.js';
import { printDemoLogins } from './modules/demo/print-logins.js';
import { seedDemoHistory } from './modules/demo/seed-history.js';
import { seedDemoDisputes } from './modules/disputes/demo-disputes.js';
import { seedDemoWarnings } from './modules/demo/seed-warnings.js';
import { seedDemoPetitions } from './modules/demo/seed-petitions.js';
import { seedDemoReservations } from './modules/reservations/demo-reservations.js';
import { seedDemoArrivals } from './modules/arrivals/demo-arrivals.js';
import { seedDemoCheckins } from './modules/checkins/demo-checkins.js';
import { seedDemoCases } from './modules/tracing/demo-cases.js';
import { seedDemoQuarantine } from './modules/quarantine/demo.js';
import { seedDemoSupplies } from './modules/supplies/demo.js';
import { seedDemoLogistics } from './modules/supplies/demo-logistics.js';
import { seedDemoEmergency } from './modules/emergency/demo.js';
import { seedDemoBroadcast } from './modules/broadcast/demo.js';
import { seedDemoCallouts } from './modules/callouts/demo.js';
import { seedDemoDevices } from './modules/devices/demo.js';
import { seedDemoCodes } from './modules/healthcode/demo-codes.js';
import { seedDemoCampaigns } from './modules/campaigns/demo-campaigns.js';
import { seedDemoDeclarations } from './modules/declarations/demo-declarations.js';
import { seedDemoEnterprises } from './modules/enterprises/demo-enterprises.js';
import { seedDemoPublicInfo } from './modules/publicinfo/demo-publicinfo.js';
import { startGateways } from './modules/sensing/index.js';
import { seedDemoSensing } from './modules/sensing/demo.js';
import { categorySuggester } from './modules/tickets/category-suggester.js';
import { generateLabelledTickets, seededRandom } from './modules/tickets/classifier/training-texts.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const runtime = await startRuntime(config);
  const { database, clock } = runtime;
  if (config.mode === 'demo' && !(await isSeeded(database.db))) {
    console.log('Seeding the demo city (first start)...');
    const started = performance.now();
    const seeded = await seedDemo(database.db, clock, { registers: { vault: runtime.vault } });
    const seededMs = performance.now() - started;
    const history = await seedDemoHistory(database, seeded, clock, runtime.vault, { reopenDays: config.reopenDays });
    const county = seeded.city.regions.find((r) => r.level === 'county')!.code;
    const countyGrids = seeded.city.grids.filter((g) => g.regionCode.startsWith(county.slice(0, 6))).map((g) => ({ id: seeded.gridIds.get(g.code)!, regionCode: g.regionCode }));
    await seedDemoDisputes(database.db, runtime.vault, clock.now(), countyGrids, seeded.tickets.departmentIds.get(`${county}:司法局`) ?? null);
    console.log(
      `  city, registers and accounts in ${(seededMs / 1000).toFixed(1)} s; ${history.tickets} tickets of the last two months ` +
        `and ${history.summonses} summonses in ${((performance.now() - started - seededMs) / 1000).toFixed(1)} s`,
    );
    const villages = [...new Map(seeded.city.grids.map((g) => [g.regionCode, { regionCode: g.regionCode, gridId: seeded.gridIds.get(g.code)! }])).values()];
    const petitions = await seedDemoPetitions(database.db, clock, seeded.tickets.categoryIds, villages);
    console.log(`  ${petitions.petitions} petitions over a year; no-petition villages assessed for ${petitions.months} months`);
    const communities = [...new Set(countyGrids.map((g) => g.regionCode))];
    const reservations = await seedDemoReservations(runtime.kit, county, communities);
    console.log(`  ${reservations.reservations} supplies reservations in ${reservations.drives} drives (one open now)`);
    // Declarations first: the open campaign does not send workers to households that declared.
    const declarations = await seedDemoDeclarations(runtime.kit, seeded.city, county.slice(0, 6));
    console.log(`  ${declarations.declarations} health declarations over five days (${declarations.abnormal} abnormal, ${declarations.unmatched} unmatched)`);
    const arrivals = await seedDemoArrivals(runtime.kit, seeded.city, county.slice(0, 6));
    console.log(`  ${arrivals.arrivals} arrivals from checkpoints over five days (${arrivals.matched} matched to residents, ${arrivals.checked} checked)`);
    const checkins = await seedDemoCheckins(runtime.kit, seeded.city, county.slice(0, 6));
    console.log(`  ${checkins.checkins} venue check-ins of ${checkins.people} residents at ${checkins.venues} venues over 14 days (one evening's gathering of ${checkins.cluster})`);
    const cases = await seedDemoCases(runtime.kit);
    console.log(`  ${cases.cases} cases from that gathering and a checkpoint, with ${cases.contacts} contacts traced`);
    const quarantine = await seedDemoQuarantine(runtime.kit, county);
    console.log(`  ${quarantine.orders} quarantine orders at ${quarantine.sites} sites, ${quarantine.followUps} follow-ups (one fever, ${quarantine.lost} lost to follow-up)`);
    const emergency = await seedDemoEmergency(runtime.kit, county, countyGrids);
    console.log(`  ${emergency.teams} rescue teams, ${emergency.plans} emergency plans, ${emergency.events} emergency events (two past, one under way)`);
    const supplies = await seedDemoSupplies(runtime.kit, county, emergency.underWay);
    console.log(`  ${supplies.warehouses} supply warehouses (the reserve list applied), ${supplies.moves} stock moves, ${supplies.requests} supply requests`);
    const logistics = await seedDemoLogistics(runtime.kit, county);
    console.log(`  ${logistics.vehicles} vehicles, ${logistics.drivers} drivers, ${logistics.shipments} shipments (one received short, one on the road, one planned)`);
    const speakers = await seedDemoBroadcast(runtime.kit, countyGrids);
    console.log(`  ${speakers.loudspeakers} street-light loudspeakers`);
    const callouts = await seedDemoCallouts(runtime.kit, countyGrids);
    console.log(`  ${callouts.campaigns} outbound call campaigns on the simulator (${callouts.calls} calls yesterday; one running now)`);
    const deviceGrids = seeded.city.grids.filter((g) => g.regionCode.startsWith(county.slice(0, 6))).map((g) => ({ ...g, id: seeded.gridIds.get(g.code)! }));
    const devices = await seedDemoDevices(runtime.kit, county, deviceGrids);
    console.log(`  ${devices.devices} devices (cameras under their NVRs, gates, sensors, street lights; ${devices.offline} offline)`);
    const sensing = await seedDemoSensing(runtime.kit);
    console.log(`  ${sensing.events} device messages of the last 12 hours (${sensing.passages} gate passages), ${sensing.alarms} alarms filed into tickets`);
    const codes = await seedDemoCodes(runtime.kit);
    console.log(`  health codes from that evidence: ${codes.red} red, ${codes.yellow} yellow (two risk areas)`);
    const campaigns = await seedDemoCampaigns(runtime.kit, seeded.city.grids[0]!.regionCode);
    console.log(`  ${campaigns.answers} door-to-door survey answers in ${campaigns.campaigns} campaigns (one open now)`);
    const enterprises = await seedDemoEnterprises(database.db, clock.now(), countyGrids);
    console.log(`  ${enterprises.applications} enterprise resumption applications and ${enterprises.reports} daily health registrations`);
    const info = await seedDemoPublicInfo(runtime.kit, county, seeded.city.grids.filter((g) => g.regionCode.startsWith(county.slice(0, 6))));
    console.log(`  ${info.rebuttals} rumour rebuttals, ${info.facilities} hospitals and clinics, ${info.questions} residents' questions`);
    const warnings = await seedDemoWarnings(runtime.kit, seeded);
    console.log(`  ${warnings.raised} risk warnings from ${warnings.accessRecords} gate records and the tickets (${warnings.handled} handled, ${warnings.falsePositives} false positive)`);
    // The demo has no history of closed tickets yet: teach the suggester from generated ones.
    categorySuggester(runtime.kit).train(generateLabelledTickets(seededRandom(1), 4000, 'demo'));
    await categorySuggester(runtime.kit).save(database.db, clock.now());
  }
  await runtime.app.listen({ host: config.host, port: config.port });
  const gateways = await startGateways(runtime.kit);
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}/`;
  console.log(`\nGridGov 智慧网格治理平台 is running at ${url}`);
  console.log(`Database: ${database.kind === 'pglite' ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : 'PostgreSQL'}; mode: ${config.mode}`);
  console.log(`Command-centre dashboard: ${url}#/dashboard (operators land on it; add ?screen=big for the wall display)`);
  console.log(`API documentation: ${url}docs/api`);
  console.log(`Health: ${url}health/ready; Prometheus metrics: ${config.metricsToken || config.metricsAllow ? `${url}metrics` : 'off (set GRIDGOV_METRICS_TOKEN or GRIDGOV_METRICS_ALLOW)'}`);
  const mqtt = gateways.mqtt ? (gateways.mqtt.url ? `subscribed to ${gateways.mqtt.url}` : `mqtt://${config.host}:${gateways.mqtt.port}`) : 'off';
  const sip = gateways.sip ? `SIP ${config.host} udp ${gateways.sip.udpPort} tcp ${gateways.sip.tcpPort}, platform ID ${gateways.sip.id}` : 'off';
  console.log(`Devices: MQTT ${mqtt}; GB/T 28181 ${sip}; GA/T 1400 ${url}VIID/`);
  for (const problem of gateways.problems) console.log(`  (!) ${problem}`);
  if (config.mode === 'demo') await printDemoLogins(database.db, clock);
  const shutdown = (signal: string): void => {
    console.log(`${signal}: shutting down`);
    gateways.close().then(() => runtime.close()).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof DataDirLockedError || error instanceof UnsafeDurabilityError || error instanceof BackupError) {
    console.error(`\nGridGov cannot start: ${error.message}\n`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
