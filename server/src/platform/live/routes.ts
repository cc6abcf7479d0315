/** Server-sent events: the live feed of changes in the viewer's scope. */
import type { App } from '../http/types.js';
import { actorCtx } from '../http/access.js';
import type { LiveEvent, LiveHub } from './live.js';

export function liveRoutes(app: App, hub: LiveHub): void {
  app.get('/api/live', {
    config: { access: 'live:read' },
    schema: { tags: ['live'], summary: 'Server-sent events of changes within the caller\'s scope' },
    handler: (req, reply) => {
      const actor = actorCtx(req).actor;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write(': connected\n\n');
      const send = (event: LiveEvent): void => {
        if (!event.regionCode || !event.regionCode.startsWith(actor.regionPrefix)) return;
        // A grid's account sees only what happens in its grid.
        if (actor.gridId && event.gridId !== actor.gridId) return;
        res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      };
      const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
      hub.on('event', send);
      req.raw.on('close', () => {
        clearInterval(ping);
        hub.off('event', send);
      });
    },
  });
}
