/**
 * GET /api/events — a Server-Sent Events stream for the signed-in user: `notification` for their own
 * notifications, `case` for changes of the cases they may see (canSeeCase), `resync` when events may
 * have been missed. A comment line every HEARTBEAT_MS keeps proxies from closing an idle stream; the stream ends
 * after MAX_STREAM_MS so the browser's EventSource reconnects and the session is checked again.
 */
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { endpoints } from '../../contracts/endpoints';
import type { CaseActor } from '../../domain/case/case';
import { canSeeCase } from '../../domain/case/lifecycle';
import { DomainError } from '../../domain/errors';
import type { AppDeps } from '../platform/deps';
import type { Db } from '../db/client';
import { routeOf } from '../http/endpoint';
import { caseActorOf } from '../access/case-access.repository';
import { createEventBus, type BusMessage, type EventBus } from './event-bus';

declare module 'fastify' {
  interface FastifyInstance {
    /** this instance's live-event bus (LISTEN/NOTIFY) */
    events: EventBus;
  }
}

export const HEARTBEAT_MS = 25_000;
export const MAX_STREAM_MS = 30 * 60_000;

/** Who is listening: the facts the case rule takes (caseActorOf), of their company. */
export type LiveViewer = CaseActor & { companyId: string };

/** The SSE frame for `message` as `viewer` may see it, or null when it is not theirs to see. */
export function frameFor(viewer: LiveViewer, message: BusMessage): string | null {
  const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
  if (message.type === 'resync') return frame('resync', {});
  if (message.companyId !== viewer.companyId) return null;
  if (message.type === 'notification')
    return message.userId === viewer.userId
      ? frame('notification', {
          id: message.notificationId,
          type: message.notificationType,
          caseId: message.caseId,
        })
      : null;
  // The case rule itself, not the office scope: a case without an office is not everyone's, and its handler in
  // another office must hear of it. The parties stay on the server.
  if (message.type === 'case')
    return canSeeCase({ officeId: message.officeId, ...message.parties }, viewer)
      ? frame('case', { caseId: message.caseId, companyId: message.companyId, officeId: message.officeId })
      : null;
  return null;
}

/** The pg Pool behind a Drizzle node-postgres database. */
const poolOf = (db: Db) => (db as Db & { $client: Parameters<typeof createEventBus>[0] }).$client;

export function eventsRoutes(app: FastifyInstance, deps: AppDeps) {
  const bus = createEventBus(poolOf(deps.db), { onError: (err) => app.log.warn({ err }, 'live events') });
  app.decorate('events', bus);
  const open = new Set<PassThrough>();
  // Open streams never finish on their own: end them first, or closing the server would wait for them.
  app.addHook('preClose', async () => {
    for (const s of open) s.end();
  });
  app.addHook('onClose', async () => bus.close());

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.route({
    ...routeOf(endpoints.notifications.events),
    handler: async (req, reply) => {
      const actor = req.actor!;
      // Departments are read once per stream; a stream lives at most MAX_STREAM_MS, then reconnects.
      const viewer: LiveViewer = { ...(await caseActorOf(deps.db, actor)), companyId: actor.companyId };
      const stream = new PassThrough();
      const unsubscribe = await bus
        .subscribe((message) => {
          const frame = frameFor(viewer, message);
          if (frame) stream.write(frame);
        })
        .catch(() => {
          throw new DomainError('unavailable');
        });
      open.add(stream);
      const heartbeat = setInterval(() => stream.write(': heartbeat\n\n'), HEARTBEAT_MS);
      const lifetime = setTimeout(() => stream.end(), MAX_STREAM_MS);
      const cleanup = () => {
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        unsubscribe();
        open.delete(stream);
        if (!stream.writableEnded) stream.end();
      };
      reply.raw.on('close', cleanup);
      stream.on('end', cleanup);
      stream.write('retry: 3000\n: connected\n\n');
      return reply
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-cache, no-transform')
        .header('x-accel-buffering', 'no')
        .send(stream);
    },
  });
}
