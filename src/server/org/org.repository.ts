import { eq } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { companies } from '../db/schema';

export async function getCompany(db: Tx, companyId: string) {
  const [row] = await db.select().from(companies).where(eq(companies.id, companyId));
  return row;
}
