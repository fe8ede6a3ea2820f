/**
 * Live events between app instances over PostgreSQL LISTEN/NOTIFY (OPS-5: several stateless
 * instances share nothing but the database). A writer publishes inside its own transaction, so an event is sent
 * only when the change commits; every instance LISTENs on one channel with a dedicated connection and hands
 * the events to its subscribers (the Server-Sent Events streams of GET /api/events).
 *
 * Events carry ids only (NOTIFY payloads must stay under 8000 bytes); a client reloads what it shows.
 * NOTIFY is not durable: while an instance is reconnecting it misses events, so after a reconnect subscribers
 * get `resync` and clients reload.
 */
import pg from 'pg';
import type { CaseFacts } from '../../domain/case/case';
import type { Tx } from '../db/client';
import { notify, notifyEach } from './events.repository';

export const EVENTS_CHANNEL = 'huiyin_events';
const MAX_PAYLOAD_BYTES = 7_900;

export type LiveEvent =
  | {
      type: 'notification';
      companyId: string;
      /** the only user who receives it */
      userId: string;
      notificationId: string;
      notificationType: string;
      caseId: string | null;
    }
  | {
      /** a case changed: lists and open case screens of the company reload it */
      type: 'case';
      companyId: string;
      caseId: string;
      /** the case's office; with `parties`, decides who may hear of it (canSeeCase) */
      officeId: string | null;
      /** never sent to clients: the people on the case, so a stream tells only those who may see it */
      parties: CaseEventParties;
    };

/**
 * The facts canSeeCase (src/domain/case/lifecycle.ts) needs besides the office, ids only: a live event must not
 * tell a viewer of a case they may not open (every read path applies the case rule).
 */
export type CaseEventParties = Pick<
  CaseFacts,
  'firstResponderId' | 'recordedById' | 'handlerId' | 'callbackAssigneeId' | 'target'
>;

/** What a subscriber receives: an event, or `resync` after the listener lost its connection. */
export type BusMessage = LiveEvent | { type: 'resync' };

/** Sends `event` when `tx` commits (nothing if it rolls back). Works on any Tx: no bus instance needed. */
export async function publishEvent(tx: Tx, event: LiveEvent): Promise<void> {
  const payload = JSON.stringify(event);
  if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES)
    throw new Error(`live event too large (${Buffer.byteLength(payload)} bytes): send ids only`);
  await notify(tx, EVENTS_CHANNEL, payload);
}

/**
 * Sends many events when `tx` commits, in one statement (set-based writers: the sweep, problem detection). Each is
 * its own NOTIFY payload, checked like publishEvent's.
 */
export async function publishEvents(tx: Tx, events: readonly LiveEvent[]): Promise<void> {
  if (!events.length) return;
  const payloads = events.map((e) => JSON.stringify(e));
  const big = payloads.find((p) => Buffer.byteLength(p) > MAX_PAYLOAD_BYTES);
  if (big) throw new Error(`live event too large (${Buffer.byteLength(big)} bytes): send ids only`);
  await notifyEach(tx, EVENTS_CHANNEL, payloads);
}

/** How long events published outside a transaction wait to share one NOTIFY with others. */
const COALESCE_MS = 5;

const pendingByDb = new WeakMap<Tx, { events: LiveEvent[]; timer: NodeJS.Timeout }>();

/**
 * Sends `event` shortly (within COALESCE_MS), outside any transaction: for a write that has already committed on
 * its own. Events published meanwhile through the same `db` go out together, as a JSON array in as few NOTIFYs as
 * fit the payload limit: under load the intakes of a few milliseconds share one statement. (A NOTIFY needs no
 * transaction id, so it writes nothing and waits for no disk flush.) A failed send is dropped: live events are
 * hints, and clients reload what they show.
 */
export function publishEventSoon(db: Tx, event: LiveEvent): void {
  const pending = pendingByDb.get(db);
  if (pending) {
    pending.events.push(event);
    return;
  }
  const timer = setTimeout(() => void flushEvents(db), COALESCE_MS);
  timer.unref();
  pendingByDb.set(db, { events: [event], timer });
}

/** Sends what publishEventSoon holds for `db` now (before a shutdown, or where a test needs a quiet bus). */
export async function flushEvents(db: Tx): Promise<void> {
  const pending = pendingByDb.get(db);
  if (!pending) return;
  pendingByDb.delete(db);
  clearTimeout(pending.timer);
  await sendBatches(db, pending.events).catch(() => {});
}

async function sendBatches(db: Tx, events: LiveEvent[]) {
  const payloads: string[] = [];
  let batch: string[] = [];
  let bytes = 2;
  for (const e of events) {
    const json = JSON.stringify(e);
    const size = Buffer.byteLength(json) + 1;
    if (batch.length && bytes + size > MAX_PAYLOAD_BYTES) {
      payloads.push(`[${batch.join(',')}]`);
      batch = [];
      bytes = 2;
    }
    batch.push(json);
    bytes += size;
  }
  if (batch.length) payloads.push(`[${batch.join(',')}]`);
  await notifyEach(db, EVENTS_CHANNEL, payloads);
}

export interface EventBus {
  /** = publishEvent */
  publish(tx: Tx, event: LiveEvent): Promise<void>;
  /**
   * Adds a listener; resolves once this instance is LISTENing (so nothing committed afterwards is missed) and
   * returns the function that removes it. Rejects when the database cannot be reached.
   */
  subscribe(listener: (message: BusMessage) => void): Promise<() => void>;
  close(): Promise<void>;
}

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;

/**
 * A bus on the database behind `pool`. The LISTEN connection is opened on the first subscription (an instance
 * nobody watches holds no extra connection) and reopened with back-off when lost.
 */
export function createEventBus(pool: pg.Pool, opts: { onError?: (err: unknown) => void } = {}): EventBus {
  const listeners = new Set<(message: BusMessage) => void>();
  let client: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let backoff = RECONNECT_MIN_MS;
  let closed = false;
  let lostBefore = false;

  const dispatch = (message: BusMessage) => {
    for (const l of [...listeners]) {
      try {
        l(message);
      } catch (err) {
        opts.onError?.(err);
      }
    }
  };

  const onLost = (lost: pg.Client) => (err?: unknown) => {
    if (err) opts.onError?.(err);
    if (client !== lost) return;
    client = null;
    lostBefore = true;
    lost.end().catch(() => {});
    scheduleReconnect();
  };

  function scheduleReconnect() {
    if (closed || retryTimer || listeners.size === 0) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect().catch(() => scheduleReconnect());
    }, backoff);
    backoff = Math.min(backoff * 2, RECONNECT_MAX_MS);
  }

  function connect(): Promise<void> {
    if (client) return Promise.resolve();
    if (connecting) return connecting;
    connecting = (async () => {
      const c = new pg.Client({ ...(pool.options as pg.ClientConfig), application_name: 'huiyin-events' });
      c.on('error', onLost(c));
      c.on('end', onLost(c));
      c.on('notification', (msg) => {
        if (msg.channel !== EVENTS_CHANNEL || !msg.payload) return;
        try {
          // One event (published in a transaction) or an array of them (publishEventSoon).
          const parsed = JSON.parse(msg.payload) as LiveEvent | LiveEvent[];
          for (const event of Array.isArray(parsed) ? parsed : [parsed]) dispatch(event);
        } catch (err) {
          opts.onError?.(err);
        }
      });
      try {
        await c.connect();
        await c.query(`LISTEN ${EVENTS_CHANNEL}`);
      } catch (err) {
        c.removeAllListeners('end');
        await c.end().catch(() => {});
        throw err;
      }
      if (closed) {
        await c.end().catch(() => {});
        return;
      }
      client = c;
      backoff = RECONNECT_MIN_MS;
      if (lostBefore) dispatch({ type: 'resync' });
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  }

  return {
    publish: publishEvent,

    async subscribe(listener) {
      if (closed) throw new Error('event bus closed');
      listeners.add(listener);
      try {
        await connect();
      } catch (err) {
        listeners.delete(listener);
        throw err;
      }
      return () => {
        listeners.delete(listener);
      };
    },

    async close() {
      closed = true;
      listeners.clear();
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      await connecting?.catch(() => {});
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}
