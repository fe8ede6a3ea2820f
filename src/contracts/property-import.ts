/**
 * Bulk import and export of the property register (REGISTER-3). The file itself travels as multipart
 * (`file` field), so only the query strings and the answers are schemas here.
 */
import { z } from 'zod';

/** The template's columns in order: 小区, 楼栋, 单元, 房号, 面积, 状态, 住户姓名, 电话, 关系. */
export { IMPORT_COLUMNS, MAX_IMPORT_ROWS } from '../domain/property/import';

export const ImportMode = z.enum(['dry-run', 'commit']);
export type ImportMode = z.infer<typeof ImportMode>;

export const ImportQuery = z.object({ mode: ImportMode });
export type ImportQuery = z.infer<typeof ImportQuery>;

export const TemplateQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });
export type TemplateQuery = z.infer<typeof TemplateQuery>;

/** Without communityId: every community in the caller's scope. */
export const ExportQuery = z.object({ communityId: z.uuid().optional() });
export type ExportQuery = z.infer<typeof ExportQuery>;

export const ImportRowError = z.object({
  /** the spreadsheet's row number; the header is row 1 */
  row: z.number().int(),
  /** the template column the error is about, as written in the header (小区, 电话 …) */
  column: z.string().optional(),
  /** in the request's language */
  message: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

/** What a row changes in a room that exists already. */
export const ImportChange = z.enum(['area', 'status', 'resident', 'relation', 'phone']);
export type ImportChange = z.infer<typeof ImportChange>;

export const ImportUpdate = z.object({
  row: z.number().int(),
  /** 小区/楼栋/单元/房号 */
  key: z.string(),
  /** empty: the row matches what is stored (a re-import) */
  changes: z.array(ImportChange),
});
export type ImportUpdate = z.infer<typeof ImportUpdate>;

const Counts = z.object({ create: z.number().int(), update: z.number().int() });

/** The answer to a dry run and to a commit (a commit answers with what it wrote, and no errors). */
export const ImportReport = z.object({
  mode: ImportMode,
  /** true once written (commit only) */
  committed: z.boolean(),
  /** data rows in the file */
  rows: z.number().int(),
  /** update: rooms of the file that exist already (whether or not anything in them changes) */
  rooms: Counts,
  /** update: existing residents the file names */
  residents: Counts,
  phones: z.object({ add: z.number().int() }),
  errors: z.array(ImportRowError),
  /** number of errors; the list stops at 10,000 */
  errorCount: z.number().int(),
  updates: z.array(ImportUpdate),
  /** what a re-import does and does not do (it never deletes) */
  note: z.string(),
});
export type ImportReport = z.infer<typeof ImportReport>;

/** details of the 422 `rule.import_has_errors` of a commit */
export const ImportErrorsDetails = z.object({
  rule: z.literal('import_has_errors'),
  errors: z.array(ImportRowError),
  errorCount: z.number().int(),
});
export type ImportErrorsDetails = z.infer<typeof ImportErrorsDetails>;
