/** Installation tasks run from main.ts and the CLI: first admin, new companies (SaaS operators host several). */
import { eq, sql } from 'drizzle-orm';
import { parsePhone } from '../../domain/property/phone';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { companies, users } from '../db/schema';
import { hashPassword } from '../auth/passwords';
import { assertPasswordAllowed } from '../auth/auth.service';
import { isUuid } from '../../contracts/common';

export async function createCompany(db: Db, v: { name: string; shortName: string; timeZone?: string }) {
  if (!v.name.trim() || !v.shortName.trim()) throw new Error('company name and short name are required');
  if (v.timeZone) new Intl.DateTimeFormat('en', { timeZone: v.timeZone }); // throws RangeError on a bad zone
  const [row] = await db
    .insert(companies)
    .values({ name: v.name.trim(), shortName: v.shortName.trim(), timeZone: v.timeZone ?? 'Asia/Shanghai' })
    .returning();
  return row;
}

export async function createAdmin(
  db: Db,
  config: Pick<Config, 'env'>,
  v: { companyId: string; username: string; password: string; name?: string; phone?: string },
) {
  if (v.password.length < 10) throw new Error('the password needs at least 10 characters');
  assertPasswordAllowed(config.env, v.password);
  if (v.phone && !parsePhone(v.phone).ok) throw new Error('the phone number is not valid');
  const [taken] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.username}) = lower(${v.username})`);
  if (taken) throw new Error(`the username "${v.username}" is already taken`);
  const [row] = await db
    .insert(users)
    .values({
      companyId: v.companyId,
      username: v.username,
      name: v.name ?? '系统管理员',
      roles: ['admin'],
      passwordHash: await hashPassword(v.password),
      phone: v.phone,
    })
    .returning();
  return row;
}

/**
 * Production's first admin from HUIYIN_ADMIN_USERNAME / HUIYIN_ADMIN_PASSWORD: created (with a company, when
 * none exists) only if the database has no admin yet, so restarts with the variables still set change nothing.
 */
export async function ensureFirstAdmin(
  db: Db,
  config: Config,
  admin: { username: string; password: string },
): Promise<boolean> {
  const { rows } = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from users where 'admin' = any(roles)`,
  );
  if (rows[0].n > 0) return false;
  let [company] = await db.select().from(companies).orderBy(companies.createdAt).limit(1);
  company ??= await createCompany(db, { name: '物业服务有限公司', shortName: '物业' });
  await createAdmin(db, config, { companyId: company.id, ...admin });
  return true;
}

export async function findCompany(db: Db, idOrName: string) {
  const byId = isUuid(idOrName) ? await db.select().from(companies).where(eq(companies.id, idOrName)) : [];
  if (byId.length) return byId[0];
  const [byName] = await db
    .select()
    .from(companies)
    .where(sql`${companies.name} = ${idOrName} or ${companies.shortName} = ${idOrName}`);
  return byName;
}
