/**
 * The bus's NOTIFY statements: run on the writer's transaction, so PostgreSQL delivers them only when it commits.
 * (LISTEN runs on the bus's own connection, in event-bus.ts.)
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client';

export async function notify(db: Tx, channel: string, payload: string): Promise<void> {
  await db.execute(sql`select pg_notify(${channel}, ${payload})`);
}

/** One NOTIFY per payload, all in one statement. */
export async function notifyEach(db: Tx, channel: string, payloads: readonly string[]): Promise<void> {
  await db.execute(sql`select pg_notify(${channel}, x) from unnest(${sql.param(payloads)}::text[]) x`);
}
