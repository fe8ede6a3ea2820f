import { z } from 'zod';

export const Id = z.uuid();
export type Id = z.infer<typeof Id>;

export const IdParams = z.object({ id: z.uuid() });
export type IdParams = z.infer<typeof IdParams>;

/**
 * The longest cursor a list takes. The longest a list writes is the rooms' sort key of four names at their
 * maxima (230 characters, digit runs prefixed, CJK three bytes each: about 1,200 base64 characters).
 */
export const CURSOR_MAX = 2000;

/** API-4: `?limit=` (default 50, max 200) `&cursor=` (opaque). */
export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(CURSOR_MAX).optional(),
  q: z.string().trim().max(100).optional(),
});
export type ListQuery = z.infer<typeof ListQuery>;

/** A query filter that may be given several times (`?state=a&state=b`): "any of" (API-4). */
export const many = <T extends z.ZodType>(t: T) =>
  z.union([t, z.array(t)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.infer<T>[]);

/** `total` counts up to 10,000 and is then reported as 10000 with `totalCapped: true` (API-4). */
export const TOTAL_CAP = 10_000;

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable(),
    total: z.number().int(),
    totalCapped: z.boolean(),
  });
export interface ListResult<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
  totalCapped: boolean;
}

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** A version read by the client; every change carries it (API-5). */
export const VersionBody = z.object({ version: z.number().int().min(1) });

export const Ok = z.object({ ok: z.literal(true) });

/** Whether `value` is a uuid PostgreSQL accepts (8-4-4-4-12 hex), for ids that arrive outside a zod schema. */
export const isUuid = (value: string) => z.uuid().safeParse(value).success;

/**
 * A multipart request with one file under the field name `file`, for the OpenAPI document: the handler reads the
 * part itself (req.file()), so the schema accepts anything and the service checks the file.
 */
export const MultipartFile = (description: string) =>
  z.any().meta({
    type: 'object',
    required: ['file'],
    properties: { file: { type: 'string', format: 'binary', description } },
  });
