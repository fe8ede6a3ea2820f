/**
 * Attachments: a file is uploaded first (POST /api/attachments, multipart field `file`), then attached to a case
 * by listing its id in `attachmentIds` of the intake or an action.
 */
import { z } from 'zod';

export const Attachment = z.object({
  id: z.string(),
  filename: z.string(),
  /** the detected type (image/jpeg, image/png, image/webp, image/heic, application/pdf, .docx, .xlsx, text/plain) */
  mime: z.string(),
  /** bytes */
  size: z.number().int(),
  /** null until attached to a case */
  caseId: z.string().nullable(),
  createdAt: z.string(),
});
export type Attachment = z.infer<typeof Attachment>;

export const AttachmentContentQuery = z.object({
  /** `1`: always download, even images and PDFs */
  download: z.enum(['0', '1']).optional(),
});
export type AttachmentContentQuery = z.infer<typeof AttachmentContentQuery>;
