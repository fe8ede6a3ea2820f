/**
 * The signed-in user's own notifications, and (registered here too) their live stream GET /api/events.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams } from '../../contracts/common';
import {
  Notification,
  NotificationList,
  NotificationListQuery,
  ReadAllResult,
} from '../../contracts/notifications';
import type { AppDeps } from '../platform/deps';
import { eventsRoutes } from '../events/events.routes';
import { notificationsService } from './notifications.service';

export function notificationsRoutes(app: FastifyInstance, deps: AppDeps) {
  eventsRoutes(app, deps);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = notificationsService(deps);
  const tags = ['notifications'];
  const own = { permission: 'authenticated' } as const;

  r.get(
    '/api/notifications',
    {
      config: own,
      schema: { tags, querystring: NotificationListQuery, response: { 200: NotificationList } },
    },
    (req) => svc.list(req.actor!, req.query),
  );
  r.post(
    '/api/notifications/:id/read',
    { config: own, schema: { tags, params: IdParams, response: { 200: Notification } } },
    (req) => svc.read(req.actor!, req.params.id),
  );
  r.post(
    '/api/notifications/read-all',
    { config: own, schema: { tags, response: { 200: ReadAllResult } } },
    (req) => svc.readAll(req.actor!),
  );
}
