/**
 * buildApp builds the whole application and never listens (docs/ARCHITECTURE.md convention 9): main.ts listens,
 * tests call `app.inject` on the very same app.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { endpoints } from '../contracts/endpoints';
import { pickLocale } from '../contracts/messages';
import { ping } from './db/client';
import { routeOf } from './http/endpoint';
import { FakeClock } from './platform/clock';
import type { AppDeps } from './platform/deps';
import { registerAuth } from './auth/auth.hook';
import { registerErrorHandler, sendError } from './http/error-handler';
import { loggerOptions, registerRequestIdEcho, requestIdOf } from './http/logging';
import { openapiComponents, openapiTransform } from './http/openapi';
import { authRoutes } from './auth/auth.routes';
import { casesRoutes } from './cases/cases.routes';
import { quarterlyRoutes } from './quarterly/quarterly.routes';
import { summaryRoutes } from './reports/summary.routes';
import { dashboardRoutes } from './dashboard/dashboard.routes';
import { accountabilityRoutes } from './accountability/accountability.routes';
import { problemsRoutes } from './problems/problems.routes';
import { usersRoutes } from './users/users.routes';
import { orgRoutes } from './org/org.routes';
import { propertyRoutes } from './property/property.routes';
import { propertyImportRoutes } from './property/property-import.routes';
import { categoriesRoutes } from './categories/categories.routes';
import { calendarRoutes } from './calendar/calendar.routes';
import { policiesRoutes } from './policies/policies.routes';
import { reportPolicyRoutes } from './report-policy/report-policy.routes';
import { feeItemsRoutes } from './fee-items/fee-items.routes';
import { attachmentsRoutes } from './attachments/attachments.routes';
import { registerIdempotency } from './http/idempotency';
import { outboxRoutes } from './outbox/outbox.routes';
import { notificationsRoutes } from './notifications/notifications.routes';
import { deadlinesRoutes } from './deadlines/deadlines.routes';
import { residentsRoutes } from './residents/residents.routes';

export const VERSION = JSON.parse(
  fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../package.json'), 'utf8'),
).version as string;

const WEB_DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export async function buildApp(
  deps: AppDeps,
  opts: { logger?: boolean; logStream?: DestinationStream } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    // No personal data in logs (PRIV-4, 001 通知 二.2: personal data stay confidential): allow-list serializers, see http/logging.ts.
    logger: opts.logger === false ? false : loggerOptions(deps.config.logLevel, opts.logStream),
    // A client's X-Request-Id only when it is plainly an id, else a fresh one: it is logged on every line.
    genReqId: requestIdOf,
    requestIdHeader: false,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    // Errors raised before routing (an overlong path parameter, a bad URL) get the API-1 error shape too.
    frameworkErrors: (error, req, reply) => {
      const locale = pickLocale(req.headers['accept-language']);
      void sendError(
        reply,
        locale,
        400,
        'validation_failed',
        'validation_failed',
        {},
        { details: { reason: error.code } },
      );
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const hasWebBuild = fs.existsSync(path.join(WEB_DIST, 'index.html'));
  const hasH5Build = hasWebBuild && fs.existsSync(path.join(WEB_DIST, 'h5.html'));
  registerErrorHandler(app, {
    spaFallback: hasWebBuild,
    h5Fallback: hasH5Build,
    uploadMaxBytes: deps.config.uploadMaxBytes,
  });
  registerRequestIdEcho(app);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: deps.config.uploadMaxBytes, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Huiyin 回音 API',
        version: VERSION,
        description: 'Case desk for property-management companies',
      },
      components: {
        ...openapiComponents,
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'huiyin_sid' },
        },
      },
    },
    transform: openapiTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  registerAuth(app, deps);

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.route({
    ...routeOf(endpoints.ops.health),
    handler: async (req, reply) => {
      try {
        await ping(deps.db);
      } catch {
        return sendError(reply, req.locale, 503, 'unavailable', 'unavailable');
      }
      return { status: 'ok' as const, db: 'ok' as const, version: VERSION };
    },
  });
  r.route({ ...routeOf(endpoints.ops.openapi), handler: async () => app.swagger() });

  if (deps.clock instanceof FakeClock) {
    const fake = deps.clock;
    // Only with HUIYIN_FAKE_CLOCK=1, refused in production by config: lets e2e tests move time (OPS-6).
    r.route({
      ...routeOf(endpoints.ops.testClock),
      handler: async (req) => {
        if (req.body.now) fake.set(new Date(req.body.now));
        if (req.body.advanceMs) fake.advance(req.body.advanceMs);
        return { now: fake.now().toISOString() };
      },
    });
  }

  authRoutes(app, deps);
  usersRoutes(app, deps);
  orgRoutes(app, deps);
  propertyRoutes(app, deps);
  propertyImportRoutes(app, deps);
  categoriesRoutes(app, deps);
  calendarRoutes(app, deps);
  policiesRoutes(app, deps);
  reportPolicyRoutes(app, deps);
  feeItemsRoutes(app, deps);
  attachmentsRoutes(app, deps);
  registerIdempotency(app, deps);
  notificationsRoutes(app, deps);
  outboxRoutes(app, deps);
  deadlinesRoutes(app, deps);
  casesRoutes(app, deps);
  quarterlyRoutes(app, deps);
  summaryRoutes(app, deps);
  dashboardRoutes(app, deps);
  accountabilityRoutes(app, deps);
  problemsRoutes(app, deps);
  residentsRoutes(app, deps);

  // The production web build, with the SPA's client-side routes falling back to index.html (/h5/… to h5.html).
  if (hasWebBuild) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      prefix: '/',
      wildcard: false,
      // Vite fingerprints /assets/* names: cache them for good; index.html is revalidated every time.
      setHeaders: (res, filePath) => {
        if (filePath.includes(`${path.sep}assets${path.sep}`))
          res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  return app;
}
