/**
 * main: config → database (embedded, or DATABASE_URL) → migrate → first admin / demo seed → listen.
 * Only this file and the CLI listen or start processes; buildApp stays pure of them.
 */
import { buildApp } from './app';
import { FakeClock, systemClock, type Clock } from './platform/clock';
import type { Config } from './platform/config';
import { connect, type Database } from './db/client';
import { startEmbeddedPostgres, installShutdownHandlers } from './db/embedded';
import { migrateDatabase } from './db/migrate';
import { describeSeed, seedDemo, DEMO_LOGINS } from './seed/demo';
import { ensureFirstAdmin } from './setup/setup.service';
import { usernameExists } from './users/users.repository';
import { demoAccountsWarning } from './auth/auth.service';
import { startSchedules } from './schedule/scheduler';
import { allSchedules } from './schedules';

export interface Runtime {
  database: Database;
  stopDatabase?: () => Promise<void>;
}

/**
 * Exit code when the embedded PostgreSQL died and could not be restarted (EX_SOFTWARE of sysexits.h): a process
 * supervisor (systemd Restart=, Docker restart policy) then starts Huiyin again, with a fresh server (ADR 0013).
 */
export const EXIT_DATABASE_LOST = 70;

/**
 * Opens the database the configuration names, starting the embedded server when there is no DATABASE_URL.
 * The embedded server is restarted when it dies (ADR 0013); when it cannot be, the process exits
 * EXIT_DATABASE_LOST. An external one is not ours to restart: requests answer 503 until the pool reconnects.
 */
export async function openDatabase(
  config: Config,
  log: (msg: string) => void,
  opts: { restartDelaysMs?: readonly number[] } = {},
): Promise<Runtime> {
  if (config.databaseUrl) {
    const database = connect(config.databaseUrl, { max: 20 });
    await migrateDatabase(database);
    return { database };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    log: (m) => (m.startsWith('[postgres]') ? undefined : log(m)),
    restartDelaysMs: opts.restartDelaysMs,
    onGiveUp: () => {
      log(`giving up on the embedded PostgreSQL; exiting with code ${EXIT_DATABASE_LOST}`);
      process.exit(EXIT_DATABASE_LOST);
    },
  });
  const database = connect(embedded.url, { max: 20 });
  try {
    await migrateDatabase(database);
  } catch (e) {
    await database.close();
    await embedded.stop();
    throw e;
  }
  return {
    database,
    stopDatabase: async () => {
      await database.close().catch(() => {});
      await embedded.stop();
    },
  };
}

export async function serve(config: Config) {
  const log = (m: string) => console.log(`[huiyin] ${m}`);
  const runtime = await openDatabase(config, log);
  const { database } = runtime;
  const clock: Clock = config.fakeClock ? new FakeClock() : systemClock;

  if (config.admin) {
    const created = await ensureFirstAdmin(database.db, config, config.admin);
    if (created) log(`created the first admin "${config.admin.username}"`);
  }
  if (config.seed !== 'none') {
    const seeded = await seedDemo(database.db, {
      password: config.demoPassword,
      mode: config.seed,
      now: clock.now(),
    });
    if (seeded) log(describeSeed(seeded));
  }

  const app = await buildApp({ db: database.db, clock, config });
  // Every instance runs every feature's timed work: the deadline sweep (SKIP LOCKED keeps two instances off one
  // clock), the duty ledger and problem detection, drafting summaries, quarterly reminders, the outbox's delivery
  // (SKIP LOCKED and a lease per message). Timers are unref'd.
  const stopSchedules = startSchedules(allSchedules(database.db, clock, app.log, config), app.log);
  const stop = async () => {
    stopSchedules();
    await app.close().catch(() => {});
    if (runtime.stopDatabase) await runtime.stopDatabase();
    else await database.close().catch(() => {});
  };
  installShutdownHandlers(stop, log);
  await app.listen({ port: config.port, host: config.host });
  const demoAdmin = await usernameExists(database.db, 'admin');
  const address = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  log(`Huiyin is running at ${address}  (API docs: ${address}/api/docs)`);
  const demoWarning = await demoAccountsWarning(database.db, config.env);
  if (demoWarning) console.warn(`[huiyin] WARNING: ${demoWarning}`);
  if (config.seed !== 'none' && demoAdmin) {
    log(`demo logins (password "${config.demoPassword}"):`);
    for (const l of DEMO_LOGINS) log(`  ${l.username.padEnd(11)} ${l.description}`);
  }
  return { app, stop };
}
