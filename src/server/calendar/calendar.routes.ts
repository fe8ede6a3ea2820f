/**
 * The working-day calendar (CLOCK-2): everyone may read it (deadlines depend on it); admins enter the
 * holidays and adjusted workdays of years the national data lacks.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CalendarOverrides,
  CalendarOverridesQuery,
  CalendarStatus,
  CalendarYearParams,
  PutCalendarOverridesBody,
} from '../../contracts/calendar';
import type { AppDeps } from '../platform/deps';
import { calendarService } from './calendar.service';

export function calendarRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = calendarService(deps);
  const tags = ['settings'];

  r.get(
    '/api/calendar/overrides',
    {
      config: { permission: 'authenticated' },
      schema: { tags, querystring: CalendarOverridesQuery, response: { 200: CalendarOverrides } },
    },
    (req) => svc.overrides(req.actor!, req.query.year),
  );
  r.put(
    '/api/calendar/overrides/:year',
    {
      config: { permission: 'settings.manage' },
      schema: {
        tags,
        params: CalendarYearParams,
        body: PutCalendarOverridesBody,
        response: { 200: CalendarOverrides },
      },
    },
    (req) => svc.replace(req.actor!, req.params.year, req.body),
  );
  r.get(
    '/api/calendar/status',
    { config: { permission: 'authenticated' }, schema: { tags, response: { 200: CalendarStatus } } },
    (req) => svc.status(req.actor!, req.locale),
  );
}
