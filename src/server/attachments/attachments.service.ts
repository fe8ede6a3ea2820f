/**
 * Attachments (photos of a leak, a scanned letter, a signed form): uploaded first, then attached to a case.
 * Until attached, only the uploader may read a file; afterwards whoever may see the case. The case-visibility
 * check belongs to the case service, which plugs it in with registerAttachmentAccess.
 */
import type { FastifyInstance } from 'fastify';
import { fieldError, notFound } from '../../domain/errors';
import type { Attachment } from '../../contracts/attachments';
import type { AppDeps } from '../platform/deps';
import type { Tx } from '../db/client';
import type { RequestActor } from '../http/types';
import * as repo from './attachments.repository';
import { createPgBlobStore, type BlobStore } from './blob-store';
import { cleanFilename, detectFileType } from './file-type';

/** May `actor` see case `caseId` (of the actor's company)? */
export type CaseAccessCheck = (actor: RequestActor, caseId: string) => Promise<boolean>;

const caseAccessByApp = new WeakMap<FastifyInstance, CaseAccessCheck>();

/**
 * Plugs the case-visibility rule into attachment downloads of `app`. Until something is registered, an attached
 * file is served to its uploader only (never wider than the case rule could be).
 */
export function registerAttachmentAccess(app: FastifyInstance, check: CaseAccessCheck) {
  caseAccessByApp.set(app, check);
}

export const caseAccessOf = (app: FastifyInstance) => caseAccessByApp.get(app);

export interface Upload {
  bytes: Buffer;
  filename: string | undefined;
  declaredMime: string;
}

/**
 * Attaches uploaded files to a case, in the caller's transaction. Each id must be an attachment of the company
 * that is not attached yet (or already attached to this very case: a retried request is harmless); any colleague
 * may attach an unattached upload, e.g. the photo a technician took for the agent's case. `actorId` is who
 * attaches (for the caller's timeline entry). Another company's id, an unknown id or a file of another case is a
 * validation error on `attachmentIds`. Returns the attachments in the order given.
 */
export async function attachToCase(
  tx: Tx,
  companyId: string,
  attachmentIds: readonly string[],
  caseId: string,
  _actorId: string,
): Promise<Attachment[]> {
  const ids = [...new Set(attachmentIds)];
  if (!ids.length) return [];
  const rows = await repo.lockAttachments(tx, companyId, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const bad = ids.findIndex((id) => {
    const row = byId.get(id);
    return !row || (row.caseId !== null && row.caseId !== caseId);
  });
  if (bad >= 0)
    throw fieldError({
      [`attachmentIds.${attachmentIds.indexOf(ids[bad])}`]: 'field.attachment_unavailable',
    });
  await repo.setCase(tx, companyId, ids, caseId);
  return ids.map((id) => repo.toAttachment({ ...byId.get(id)!, caseId }));
}

/** The attachments of a case, oldest first (for the case detail). */
export async function listCaseAttachments(db: Tx, companyId: string, caseId: string): Promise<Attachment[]> {
  return (await repo.attachmentsOfCase(db, companyId, caseId)).map(repo.toAttachment);
}

export function attachmentsService(
  { db }: AppDeps,
  caseAccess: () => CaseAccessCheck | undefined,
  blobs: BlobStore = createPgBlobStore(db),
) {
  return {
    async upload(actor: RequestActor, file: Upload): Promise<Attachment> {
      if (file.bytes.length === 0) throw fieldError({ file: 'field.file_empty' });
      const mime = detectFileType(file.bytes, file.declaredMime, file.filename ?? '');
      if (!mime) throw fieldError({ file: 'field.file_type' });
      // The body first: a failure after it leaves an unreferenced blob, never an attachment without a body.
      const { sha256, size } = await blobs.put(actor.companyId, file.bytes);
      const row = await repo.insertAttachment(db, {
        companyId: actor.companyId,
        sha256,
        size,
        mime,
        filename: cleanFilename(file.filename, mime),
        uploadedById: actor.userId,
      });
      return repo.toAttachment(row);
    },

    /** The file, for its uploader while unattached, then for whoever may see its case; anyone else gets 404. */
    async content(actor: RequestActor, id: string) {
      const row = await repo.getAttachment(db, actor.companyId, id);
      if (!row) throw notFound();
      const isUploader = row.uploadedById === actor.userId;
      const check = caseAccess();
      const allowed = row.caseId === null ? isUploader : check ? await check(actor, row.caseId) : isUploader;
      if (!allowed) throw notFound();
      const bytes = await blobs.get(actor.companyId, row.sha256);
      if (!bytes) throw notFound();
      return { attachment: repo.toAttachment(row), bytes };
    },
  };
}
