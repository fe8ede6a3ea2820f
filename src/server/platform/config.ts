/**
 * Configuration, parsed once at start from the environment with zod. Each bad value is named in the error.
 */
import path from 'node:path';
import { z } from 'zod';
import { parseOriginSetting } from './origins';

export const DEMO_PASSWORD_DEFAULT = 'huiyin-demo';

const intFrom = (def: number, min = 1) => z.coerce.number().int().min(min).default(def);
/** 32 bytes from 64 hex characters or their base64; null for anything else. */
export function parseSecretKey(value: string): Buffer | null {
  const v = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(v)) return Buffer.from(v, 'hex');
  if (/^[A-Za-z0-9+/]{43}=?$/.test(v) || /^[A-Za-z0-9_-]{43}=?$/.test(v)) {
    const b = Buffer.from(v, v.includes('-') || v.includes('_') ? 'base64url' : 'base64');
    if (b.length === 32) return b;
  }
  return null;
}

const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .default('0')
  .transform((v) => v === '1' || v === 'true');

export const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
    HUIYIN_DATA_DIR: z.string().min(1).default('./data'),
    HUIYIN_SEED: z.enum(['demo', 'minimal', 'none']).default('demo'),
    HUIYIN_DEMO_PASSWORD: z.string().min(8).default(DEMO_PASSWORD_DEFAULT),
    HUIYIN_ADMIN_USERNAME: z.string().min(2).max(64).optional(),
    HUIYIN_ADMIN_PASSWORD: z.string().min(10).max(200).optional(),
    HUIYIN_FAKE_CLOCK: flag,
    HUIYIN_TRUST_PROXY: flag,
    // Extra origins whose pages may make cookie-authenticated writes (src/server/http/same-origin.ts).
    HUIYIN_ALLOWED_ORIGINS: z
      .string()
      .default('')
      .transform((value, ctx) => {
        const origins: string[] = [];
        for (const entry of value.split(',').map((v) => v.trim())) {
          if (!entry) continue;
          const origin = parseOriginSetting(entry);
          if (origin) origins.push(origin);
          else
            ctx.addIssue({
              code: 'custom',
              message: `"${entry}" is not an origin (scheme://host[:port], e.g. http://localhost:5173)`,
            });
        }
        return origins;
      }),
    HUIYIN_SESSION_IDLE_MINUTES: intFrom(120),
    HUIYIN_SESSION_ABSOLUTE_HOURS: intFrom(12),
    HUIYIN_LOGIN_MAX_FAILURES: intFrom(5),
    HUIYIN_LOGIN_WINDOW_MINUTES: intFrom(15),
    HUIYIN_LOGIN_LOCK_MINUTES: intFrom(15),
    HUIYIN_LOGIN_MAX_PER_IP: intFrom(50),
    HUIYIN_UPLOAD_MAX_MB: intFrom(20),
    // The key sender credentials are encrypted under (MSG-4): 32 bytes as 64 hex characters or base64.
    HUIYIN_SECRET_KEY: z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined) return undefined;
        const key = parseSecretKey(value);
        if (!key)
          ctx.addIssue({ code: 'custom', message: 'must be 32 bytes: 64 hex characters or their base64' });
        return key ?? undefined;
      }),
    HUIYIN_OUTBOX_BATCH: intFrom(200),
    HUIYIN_OUTBOX_CONCURRENCY: intFrom(32),
    HUIYIN_OUTBOX_SEND_TIMEOUT_MS: intFrom(10_000, 100),
    HUIYIN_OUTBOX_LEASE_MS: intFrom(60_000, 1_000),
    // Comma-separated waits between attempts in ms (default the domain's 5 s, 30 s, 2 min, 10 min, 30 min, 1 h).
    HUIYIN_OUTBOX_BACKOFF_MS: z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined) return undefined;
        const steps = value.split(',').map((v) => v.trim());
        if (!steps.length || steps.some((v) => !/^\d+$/.test(v) || Number(v) < 1)) {
          ctx.addIssue({
            code: 'custom',
            message: 'must be comma-separated positive milliseconds, e.g. 1000,5000',
          });
          return undefined;
        }
        return steps.map(Number);
      }),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    if (env.HUIYIN_OUTBOX_LEASE_MS <= env.HUIYIN_OUTBOX_SEND_TIMEOUT_MS)
      ctx.addIssue({
        code: 'custom',
        path: ['HUIYIN_OUTBOX_LEASE_MS'],
        message: 'must be longer than HUIYIN_OUTBOX_SEND_TIMEOUT_MS',
      });
    if (env.NODE_ENV !== 'production') return;
    if (env.HUIYIN_FAKE_CLOCK)
      ctx.addIssue({
        code: 'custom',
        path: ['HUIYIN_FAKE_CLOCK'],
        message: 'is refused when NODE_ENV=production',
      });
    if (env.HUIYIN_ADMIN_PASSWORD === DEMO_PASSWORD_DEFAULT)
      ctx.addIssue({
        code: 'custom',
        path: ['HUIYIN_ADMIN_PASSWORD'],
        message: 'the demo password is refused in production',
      });
    if (env.HUIYIN_ADMIN_USERNAME && !env.HUIYIN_ADMIN_PASSWORD)
      ctx.addIssue({
        code: 'custom',
        path: ['HUIYIN_ADMIN_PASSWORD'],
        message: 'is required with HUIYIN_ADMIN_USERNAME',
      });
  });

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  /**
   * What an empty database is seeded with (OPS-4): `demo` the demo company with six months of history, `minimal`
   * the same company, offices, people and logins without history (tests, e2e), `none` nothing
   */
  seed: 'demo' | 'minimal' | 'none';
  demoPassword: string;
  admin?: { username: string; password: string };
  fakeClock: boolean;
  trustProxy: boolean;
  /** normalised origins besides the request's own that may make cookie-authenticated writes */
  allowedOrigins: string[];
  session: { idleMs: number; absoluteMs: number };
  login: { maxFailures: number; windowMs: number; lockMs: number; maxPerIp: number };
  uploadMaxBytes: number;
  logLevel: string;
  /** the AES-256 key of sender credentials (MSG-4); without it credentials cannot be saved */
  secretKey?: Buffer;
  /** the delivery worker (src/server/outbox/delivery.ts) */
  outbox: OutboxConfig;
}

export interface OutboxConfig {
  /** messages claimed per round */
  batch: number;
  /** sends in flight at once */
  concurrency: number;
  sendTimeoutMs: number;
  /** how long a claimed message is the claimer's; longer than a send */
  leaseMs: number;
  /** waits between attempts; undefined: the domain's default (src/domain/messages/backoff.ts) */
  backoffMs?: number[];
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable (`DATABASE_URL=`) means "not set", as shells and .env files use it.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(
      `Invalid configuration:\n${lines.join('\n')}\nRun "huiyin --help" for the list of settings.`,
    );
  }
  const e = parsed.data;
  const minute = 60_000;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.HUIYIN_DATA_DIR),
    // Production never seeds demo data (ACCESS-6).
    seed: e.NODE_ENV === 'production' ? 'none' : e.HUIYIN_SEED,
    demoPassword: e.HUIYIN_DEMO_PASSWORD,
    admin:
      e.HUIYIN_ADMIN_USERNAME && e.HUIYIN_ADMIN_PASSWORD
        ? { username: e.HUIYIN_ADMIN_USERNAME, password: e.HUIYIN_ADMIN_PASSWORD }
        : undefined,
    fakeClock: e.HUIYIN_FAKE_CLOCK,
    trustProxy: e.HUIYIN_TRUST_PROXY,
    allowedOrigins: e.HUIYIN_ALLOWED_ORIGINS,
    session: {
      idleMs: e.HUIYIN_SESSION_IDLE_MINUTES * minute,
      absoluteMs: e.HUIYIN_SESSION_ABSOLUTE_HOURS * 60 * minute,
    },
    login: {
      maxFailures: e.HUIYIN_LOGIN_MAX_FAILURES,
      windowMs: e.HUIYIN_LOGIN_WINDOW_MINUTES * minute,
      lockMs: e.HUIYIN_LOGIN_LOCK_MINUTES * minute,
      maxPerIp: e.HUIYIN_LOGIN_MAX_PER_IP,
    },
    uploadMaxBytes: e.HUIYIN_UPLOAD_MAX_MB * 1024 * 1024,
    logLevel: e.LOG_LEVEL,
    secretKey: e.HUIYIN_SECRET_KEY,
    outbox: {
      batch: e.HUIYIN_OUTBOX_BATCH,
      concurrency: e.HUIYIN_OUTBOX_CONCURRENCY,
      sendTimeoutMs: e.HUIYIN_OUTBOX_SEND_TIMEOUT_MS,
      leaseMs: e.HUIYIN_OUTBOX_LEASE_MS,
      backoffMs: e.HUIYIN_OUTBOX_BACKOFF_MS,
    },
  };
}

export const CONFIG_HELP = `Settings (environment variables):
  PORT                         HTTP port (default 3000)
  HOST                         listen address (default 127.0.0.1; 0.0.0.0 behind a load balancer)
  DATABASE_URL                 external PostgreSQL >= 15; when unset an embedded PostgreSQL runs under HUIYIN_DATA_DIR
  HUIYIN_DATA_DIR              data directory for the embedded PostgreSQL (default ./data)
  NODE_ENV                     development | test | production (production: no demo seed, demo password refused)
  HUIYIN_SEED                  what an empty database is seeded with (never in production): demo (default) the
                               demo company with six months of history; minimal the same company, offices,
                               people and logins without history; none nothing
  HUIYIN_DEMO_PASSWORD         password of the demo users (default huiyin-demo)
  HUIYIN_ADMIN_USERNAME        first admin created at start when no admin exists (production)
  HUIYIN_ADMIN_PASSWORD        its password (at least 10 characters)
  HUIYIN_SESSION_IDLE_MINUTES  idle session timeout (default 120)
  HUIYIN_SESSION_ABSOLUTE_HOURS absolute session lifetime (default 12)
  HUIYIN_LOGIN_MAX_FAILURES    failures per username in the window before a lock (default 5)
  HUIYIN_LOGIN_WINDOW_MINUTES  counting window (default 15)
  HUIYIN_LOGIN_LOCK_MINUTES    lock duration (default 15)
  HUIYIN_LOGIN_MAX_PER_IP      attempts per IP in the window (default 50)
  HUIYIN_UPLOAD_MAX_MB         largest upload (default 20)
  HUIYIN_TRUST_PROXY           1 to trust X-Forwarded-For/-Host/-Proto from a load balancer
  HUIYIN_ALLOWED_ORIGINS       comma-separated origins (https://desk.example.com) whose pages may sign in and write
                               besides the server's own; not needed for npm run dev (Vite keeps the Host)
  HUIYIN_FAKE_CLOCK            1 exposes POST /api/test/clock and GET /api/test/outbox (refused in production)
  HUIYIN_SECRET_KEY            32-byte key (64 hex characters or base64) encrypting SMS/webhook sender credentials;
                               without it credentials cannot be saved
  HUIYIN_OUTBOX_BATCH          messages the delivery worker claims per round (default 200)
  HUIYIN_OUTBOX_CONCURRENCY    sends in flight at once (default 32)
  HUIYIN_OUTBOX_SEND_TIMEOUT_MS one send's timeout (default 10000)
  HUIYIN_OUTBOX_LEASE_MS       how long a claimed message is its worker's, longer than a send (default 60000)
  HUIYIN_OUTBOX_BACKOFF_MS     comma-separated waits between attempts in ms (default 5000,30000,120000,600000,
                               1800000,3600000)
  LOG_LEVEL                    pino level (default info)`;
