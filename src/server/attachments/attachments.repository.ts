import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Attachment } from '../../contracts/attachments';
import type { Tx } from '../db/client';
import { attachments } from '../db/schema';

export type AttachmentRow = typeof attachments.$inferSelect;

export const toAttachment = (r: AttachmentRow): Attachment => ({
  id: r.id,
  filename: r.filename,
  mime: r.mime,
  size: r.size,
  caseId: r.caseId,
  createdAt: r.createdAt.toISOString(),
});

export async function insertAttachment(
  db: Tx,
  v: Omit<typeof attachments.$inferInsert, 'id' | 'caseId'>,
): Promise<AttachmentRow> {
  const [row] = await db.insert(attachments).values(v).returning();
  return row;
}

export async function getAttachment(
  db: Tx,
  companyId: string,
  id: string,
): Promise<AttachmentRow | undefined> {
  const [row] = await db
    .select()
    .from(attachments)
    .where(and(eq(attachments.companyId, companyId), eq(attachments.id, id)));
  return row;
}

/** The company's attachments among `ids`, locked until the transaction ends. */
export async function lockAttachments(tx: Tx, companyId: string, ids: readonly string[]) {
  return tx
    .select()
    .from(attachments)
    .where(and(eq(attachments.companyId, companyId), inArray(attachments.id, [...ids])))
    .for('update');
}

export async function setCase(tx: Tx, companyId: string, ids: readonly string[], caseId: string) {
  await tx
    .update(attachments)
    .set({ caseId })
    .where(
      and(
        eq(attachments.companyId, companyId),
        inArray(attachments.id, [...ids]),
        isNull(attachments.caseId),
      ),
    );
}

export async function attachmentsOfCase(db: Tx, companyId: string, caseId: string) {
  return db
    .select()
    .from(attachments)
    .where(and(eq(attachments.companyId, companyId), eq(attachments.caseId, caseId)))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
}
