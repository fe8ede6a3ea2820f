/**
 * File bodies behind one small interface (docs/adr/0005-blob-store.md): content-addressed by SHA-256 and kept
 * per company, so the same photo uploaded twice is stored once and two companies never share a row. Today the
 * bodies live in PostgreSQL (`blobs`, bytea) so several stateless instances need nothing else; an S3-compatible
 * store can implement the same interface later.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { blobs } from '../db/schema';

export interface BlobStore {
  /** Stores the bytes (idempotent: the same bytes are stored once per company). `sha256`: lowercase hex. */
  put(companyId: string, bytes: Buffer): Promise<{ sha256: string; size: number }>;
  /** The bytes, or null when the company has no blob with this hash. */
  get(companyId: string, sha256: string): Promise<Buffer | null>;
}

export const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The PostgreSQL BlobStore; pass a transaction to make the write part of it. */
export function createPgBlobStore(db: Tx): BlobStore {
  return {
    async put(companyId, bytes) {
      const sha256 = sha256Hex(bytes);
      await db
        .insert(blobs)
        .values({ companyId, sha256, size: bytes.length, bytes })
        .onConflictDoNothing({ target: [blobs.companyId, blobs.sha256] });
      return { sha256, size: bytes.length };
    },
    async get(companyId, sha256) {
      const [row] = await db
        .select({ bytes: blobs.bytes })
        .from(blobs)
        .where(and(eq(blobs.companyId, companyId), eq(blobs.sha256, sha256)));
      return row ? row.bytes : null;
    },
  };
}
