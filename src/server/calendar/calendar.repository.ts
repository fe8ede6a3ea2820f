import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { CalendarOverride } from '../../domain/clock/working-calendar';
import type { Tx } from '../db/client';
import { calendarOverrides, companies } from '../db/schema';

const yearRange = (companyId: string, year: number) =>
  and(
    eq(calendarOverrides.companyId, companyId),
    gte(calendarOverrides.date, `${year}-01-01`),
    lte(calendarOverrides.date, `${year}-12-31`),
  );

export async function overridesOfYear(db: Tx, companyId: string, year: number) {
  const rows = await db
    .select({ date: calendarOverrides.date, kind: calendarOverrides.kind, name: calendarOverrides.name })
    .from(calendarOverrides)
    .where(yearRange(companyId, year))
    .orderBy(asc(calendarOverrides.date));
  return rows.map((r) => ({ date: r.date, kind: r.kind as CalendarOverride['kind'], name: r.name }));
}

/** Every entry of the company (a few dozen a year): what its WorkingCalendar is built from. */
export async function allOverrides(db: Tx, companyId: string): Promise<CalendarOverride[]> {
  const rows = await db
    .select({ date: calendarOverrides.date, kind: calendarOverrides.kind, name: calendarOverrides.name })
    .from(calendarOverrides)
    .where(eq(calendarOverrides.companyId, companyId));
  return rows.map((r) => ({
    date: r.date,
    kind: r.kind as CalendarOverride['kind'],
    ...(r.name ? { name: r.name } : {}),
  }));
}

export async function replaceYear(
  tx: Tx,
  companyId: string,
  year: number,
  days: readonly { date: string; kind: string; name?: string | null }[],
) {
  await tx.delete(calendarOverrides).where(yearRange(companyId, year));
  if (days.length)
    await tx
      .insert(calendarOverrides)
      .values(days.map((d) => ({ companyId, date: d.date, kind: d.kind, name: d.name || null })));
}

export async function yearsWithOverrides(db: Tx, companyId: string): Promise<number[]> {
  const { rows } = await db.execute<{ year: number }>(
    sql`select distinct extract(year from date)::int as year from calendar_overrides where company_id = ${companyId}`,
  );
  return rows.map((r) => r.year);
}

export async function companyTimeZone(db: Tx, companyId: string): Promise<string> {
  const [row] = await db
    .select({ timeZone: companies.timeZone })
    .from(companies)
    .where(eq(companies.id, companyId));
  return row?.timeZone ?? 'Asia/Shanghai';
}

/** Serialises concurrent replacements of one company's calendar. */
export async function lockCompanyCalendar(tx: Tx, companyId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`huiyin:calendar:${companyId}`}, 0))`);
}
