/**
 * The `huiyin` command. `huiyin` or `huiyin serve` runs the product; the other commands work on the same
 * database the configuration names (embedded under HUIYIN_DATA_DIR, or DATABASE_URL).
 */
import { parseArgs } from 'node:util';
import { CONFIG_HELP, ConfigError, loadConfig } from '../server/platform/config';
import { openDatabase, serve } from '../server/main';
import { describeSeed, seedDemo } from '../server/seed/demo';
import { systemClock } from '../server/platform/clock';
import { sweep } from '../server/deadlines/sweeper';
import { describeBroken, verifyAllRecords } from '../server/records/verify-records';
import { createAdmin, createCompany, findCompany } from '../server/setup/setup.service';

const HELP = `huiyin — 回音 case desk for property-management companies

Usage: huiyin [command] [options]

Commands:
  serve                         run the web app and API (default)
  migrate                       apply database migrations and exit
  seed                          seed the demo company on an empty database: with six months of history,
                                or without it when HUIYIN_SEED=minimal
  company create --name N --short-name S [--time-zone Asia/Shanghai]
                                add a company (SaaS operators host several in one database)
  admin create --company ID|NAME --username U [--name NAME]
                                add an admin to a company; the password comes from --password
                                or HUIYIN_ADMIN_PASSWORD (at least 10 characters)
  sweep                         run the deadline sweep once (warnings, breaches, escalation)
  verify                        re-hash every append-only record (case timelines first), compare each
                                stored head and facts digest; exit 1 naming each broken record
  help, --help                  this text

${CONFIG_HELP}
`;

async function withDatabase<T>(
  fn: (db: Awaited<ReturnType<typeof openDatabase>>['database']['db']) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const runtime = await openDatabase(config, (m) => console.error(`[huiyin] ${m}`));
  try {
    return await fn(runtime.database.db);
  } finally {
    if (runtime.stopDatabase) await runtime.stopDatabase();
    else await runtime.database.close();
  }
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      name: { type: 'string' },
      'short-name': { type: 'string' },
      'time-zone': { type: 'string' },
      company: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
    },
  });
  const [command = 'serve', sub] = positionals;
  if (values.help || command === 'help') {
    console.log(HELP);
    return 0;
  }
  switch (command) {
    case 'serve':
      await serve(loadConfig());
      return -1; // keeps running
    case 'migrate':
      await withDatabase(async () => console.log('migrations applied'));
      return 0;
    case 'seed': {
      const config = loadConfig();
      if (config.env === 'production')
        throw new UsageError('the demo seed is refused when NODE_ENV=production');
      const seeded = await withDatabase((db) =>
        seedDemo(db, {
          password: config.demoPassword,
          mode: config.seed === 'minimal' ? 'minimal' : 'demo',
        }),
      );
      console.log(seeded ? describeSeed(seeded) : 'the database already has a company; nothing seeded');
      return 0;
    }
    case 'sweep': {
      const result = await withDatabase((db) => sweep(db, systemClock));
      console.log(`warned ${result.warned}, breached ${result.breached}, escalated ${result.escalated}`);
      return 0;
    }
    case 'verify': {
      const reports = await withDatabase((db) => verifyAllRecords(db));
      let broken = 0;
      for (const r of reports) {
        for (const b of r.broken) console.log(describeBroken(b));
        console.log(
          `${r.kind}: checked ${r.checked}; ${r.broken.length} broken; ${r.factsUnchecked} older than the facts ` +
            `digest (chain and head checked only)`,
        );
        broken += r.broken.length;
      }
      return broken ? 1 : 0;
    }
    case 'company': {
      if (sub !== 'create') throw new UsageError('usage: huiyin company create --name N --short-name S');
      if (!values.name || !values['short-name']) throw new UsageError('--name and --short-name are required');
      const c = await withDatabase((db) =>
        createCompany(db, {
          name: values.name!,
          shortName: values['short-name']!,
          timeZone: values['time-zone'],
        }),
      );
      console.log(`company created: ${c.id} ${c.name}`);
      return 0;
    }
    case 'admin': {
      if (sub !== 'create') throw new UsageError('usage: huiyin admin create --company ID|NAME --username U');
      const password = values.password ?? process.env.HUIYIN_ADMIN_PASSWORD;
      if (!values.company || !values.username || !password)
        throw new UsageError(
          '--company, --username and a password (--password or HUIYIN_ADMIN_PASSWORD) are required',
        );
      const config = loadConfig();
      const u = await withDatabase(async (db) => {
        const company = await findCompany(db, values.company!);
        if (!company) throw new UsageError(`no company "${values.company}"`);
        return createAdmin(db, config, {
          companyId: company.id,
          username: values.username!,
          password,
          name: values.name,
        });
      });
      console.log(`admin created: ${u.username}`);
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"; run "huiyin --help"`);
  }
}

class UsageError extends Error {}

const isMain =
  process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (isMain) {
  run(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exit(code);
    },
    (err: unknown) => {
      if (err instanceof ConfigError || err instanceof UsageError) console.error(err.message);
      else console.error(err instanceof Error ? `huiyin: ${err.message}` : err);
      process.exit(err instanceof UsageError || err instanceof ConfigError ? 2 : 1);
    },
  );
}
