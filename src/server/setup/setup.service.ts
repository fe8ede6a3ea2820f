/** Installation tasks run from main.ts and the CLI: first admin, new companies (SaaS operators host several). */
import { parsePhone } from '../../domain/property/phone';
import type { Config } from '../platform/config';
import type { Db } from '../db/client';
import { findCompany as findCompanyRow, firstCompany, insertCompany } from '../org/org.repository';
import { anyAdmin, insertUser, usernameTaken } from '../users/users.repository';
import { hashPassword } from '../auth/passwords';
import { assertPasswordAllowed } from '../auth/auth.service';
import { isUuid } from '../../contracts/common';

export async function createCompany(db: Db, v: { name: string; shortName: string; timeZone?: string }) {
  if (!v.name.trim() || !v.shortName.trim()) throw new Error('company name and short name are required');
  if (v.timeZone) new Intl.DateTimeFormat('en', { timeZone: v.timeZone }); // throws RangeError on a bad zone
  return insertCompany(db, {
    name: v.name.trim(),
    shortName: v.shortName.trim(),
    timeZone: v.timeZone ?? 'Asia/Shanghai',
  });
}

export async function createAdmin(
  db: Db,
  config: Pick<Config, 'env'>,
  v: { companyId: string; username: string; password: string; name?: string; phone?: string },
) {
  if (v.password.length < 10) throw new Error('the password needs at least 10 characters');
  assertPasswordAllowed(config.env, v.password);
  if (v.phone && !parsePhone(v.phone).ok) throw new Error('the phone number is not valid');
  if (await usernameTaken(db, v.username)) throw new Error(`the username "${v.username}" is already taken`);
  return insertUser(db, {
    companyId: v.companyId,
    username: v.username,
    name: v.name ?? '系统管理员',
    roles: ['admin'],
    passwordHash: await hashPassword(v.password),
    phone: v.phone,
  });
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
  if (await anyAdmin(db)) return false;
  let company = await firstCompany(db);
  company ??= await createCompany(db, { name: '物业服务有限公司', shortName: '物业' });
  await createAdmin(db, config, { companyId: company.id, ...admin });
  return true;
}

export async function findCompany(db: Db, idOrName: string) {
  return findCompanyRow(db, idOrName, isUuid(idOrName));
}
