/**
 * The signed-in user's own notifications, and (registered here too) their live stream GET /api/events.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { endpoints } from '../../contracts/endpoints';
import type { AppDeps } from '../platform/deps';
import { eventsRoutes } from '../events/events.routes';
import { routeOf } from '../http/endpoint';
import { notificationsService } from './notifications.service';

export function notificationsRoutes(app: FastifyInstance, deps: AppDeps) {
  eventsRoutes(app, deps);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = notificationsService(deps);
  const e = endpoints.notifications;

  r.route({ ...routeOf(e.list), handler: (req) => svc.list(req.actor!, req.query) });
  r.route({ ...routeOf(e.read), handler: (req) => svc.read(req.actor!, req.params.id) });
  r.route({ ...routeOf(e.readAll), handler: (req) => svc.readAll(req.actor!) });
}
