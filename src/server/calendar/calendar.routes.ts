/**
 * The working-day calendar (CLOCK-2): everyone may read it (deadlines depend on it); admins enter the
 * holidays and adjusted workdays of years the national data lacks.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { endpoints } from '../../contracts/endpoints';
import type { AppDeps } from '../platform/deps';
import { routeOf } from '../http/endpoint';
import { calendarService } from './calendar.service';

export function calendarRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = calendarService(deps);
  const e = endpoints.settings;

  r.route({ ...routeOf(e.calendarOverrides), handler: (req) => svc.overrides(req.actor!, req.query.year) });
  r.route({
    ...routeOf(e.putCalendarOverrides),
    handler: (req) => svc.replace(req.actor!, req.params.year, req.body),
  });
  r.route({ ...routeOf(e.calendarStatus), handler: (req) => svc.status(req.actor!, req.locale) });
  r.route({ ...routeOf(e.readCalendarNotice), handler: (req) => svc.readNotice(req.body) });
}
