/**
 * Bulk import and export of the property register (REGISTER-3): a dry run that lists every bad row and every
 * row updating an existing room, then an all-or-nothing commit in one transaction; export in the same layout,
 * so export → import round-trips without changes. See src/domain/property/import.ts for what a re-import does
 * and does not do (it never deletes).
 */
import { randomUUID } from 'node:crypto';
import { officeScope } from '../../domain/access/access';
import { DomainError, notFound, ruleViolation } from '../../domain/errors';
import {
  IMPORT_COLUMNS,
  MAX_IMPORT_ROWS,
  RELATION_LABEL,
  STATUS_LABEL,
  matchHeader,
  normalizeCell,
  planImport,
  validateRows,
  type ImportColumn,
  type RawRow,
  type Relation,
  type RowIssue,
  type RoomStatus,
} from '../../domain/property/import';
import { translate, type Locale } from '../../contracts/messages';
import type {
  ExportQuery,
  ImportErrorsDetails,
  ImportMode,
  ImportReport,
  ImportRowError,
  TemplateQuery,
} from '../../contracts/property-import';
import type { AppDeps } from '../platform/deps';
import type { Tx } from '../db/client';
import type { RequestActor } from '../http/types';
import * as repo from './property-import.repository';
import { readSpreadsheet, writeCsv, writeXlsx, type SheetCell, type SheetSpec } from './spreadsheet';

export const SHEET_NAME = '房屋住户';
/** errors listed in one answer; errorCount has them all */
const MAX_LISTED_ERRORS = 10_000;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_TYPE = 'text/csv; charset=utf-8';

/** Column widths (characters) and text-formatted columns (房号, 电话) of the template and the export. */
const LAYOUT: Pick<SheetSpec, 'widths' | 'textColumns'> = {
  widths: [18, 10, 8, 10, 10, 8, 12, 30, 8],
  textColumns: [3, 7],
};

const TEMPLATE_EXAMPLES: SheetCell[][] = [
  ['阳光花园', '1号楼', '2单元', '1502', 89.5, '已入住', '张伟', '13812345678/0755-86001234', '业主'],
  ['阳光花园', '1号楼', '2单元', '1503', 126.3, '空置', '', '', ''],
];

export interface FileDownload {
  body: Buffer;
  contentType: string;
  /** may contain Chinese: sent as RFC 5987 filename* with an ASCII fallback */
  filename: string;
  asciiFilename: string;
}

export function contentDisposition(file: Pick<FileDownload, 'filename' | 'asciiFilename'>): string {
  const encoded = encodeURIComponent(file.filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${file.asciiFilename}"; filename*=UTF-8''${encoded}`;
}

const COLUMN_ORDER = new Map<string, number>(IMPORT_COLUMNS.map((c, i) => [c, i]));
const byRowThenColumn = (a: RowIssue, b: RowIssue) =>
  a.row - b.row || (COLUMN_ORDER.get(a.column ?? '') ?? -1) - (COLUMN_ORDER.get(b.column ?? '') ?? -1);

/** The data rows of an uploaded file, keyed by template column; file-level problems are thrown. */
async function readImportFile(buffer: Buffer, locale: Locale): Promise<RawRow[]> {
  const sheet = await readSpreadsheet(buffer, SHEET_NAME);
  const nonEmpty = sheet.rows.filter((r) => r.cells.some((c) => normalizeCell(c) !== ''));
  const [header, ...data] = nonEmpty;
  const matched = matchHeader(header?.cells ?? []);
  if (!matched.ok)
    throw new DomainError(
      'rule_violation',
      'rule.import_bad_header',
      { columns: matched.missing.join(locale === 'zh-CN' ? '、' : ', ') },
      { rule: 'import_bad_header', missing: matched.missing },
    );
  if (data.length === 0) throw ruleViolation('import_empty');
  if (data.length > MAX_IMPORT_ROWS) throw ruleViolation('import_too_many_rows', { max: MAX_IMPORT_ROWS });
  return data.map((r) => ({
    row: r.row,
    cells: Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, r.cells[matched.index[c]] ?? ''])) as Record<
      ImportColumn,
      string
    >,
  }));
}

function translateIssues(locale: Locale, issues: readonly RowIssue[]): ImportRowError[] {
  return issues.slice(0, MAX_LISTED_ERRORS).map((i) => ({
    row: i.row,
    ...(i.column ? { column: i.column } : {}),
    message: translate(locale, i.key, i.params),
  }));
}

function hasErrors(locale: Locale, issues: RowIssue[]): DomainError {
  const sorted = [...issues].sort(byRowThenColumn);
  const details: ImportErrorsDetails = {
    rule: 'import_has_errors',
    errors: translateIssues(locale, sorted),
    errorCount: sorted.length,
  };
  return new DomainError(
    'rule_violation',
    'rule.import_has_errors',
    { count: new Set(issues.map((i) => i.row)).size },
    details,
  );
}

function localDate(now: Date): string {
  // YYYY-MM-DD in China time, for file names
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now).replace(/-/g, '');
}

const collator = new Intl.Collator('zh-CN', { numeric: true });
const RELATION_ORDER: Record<string, number> = { owner: 0, family: 1, tenant: 2 };

export function propertyImportService({ db, clock }: AppDeps) {
  /** Loads what the rows touch and plans the writes; inside the commit's transaction when given one. */
  async function plan(tx: Tx, actor: RequestActor, rows: Parameters<typeof planImport>[0]) {
    const scope = officeScope(actor);
    const communities = await repo.listCommunities(tx, actor.companyId);
    const named = new Set(rows.map((r) => r.community));
    const inScope = (officeId: string) => scope === 'all' || scope.includes(officeId);
    const involved = communities.filter((c) => named.has(normalizeCell(c.name)) && inScope(c.officeId));
    const phones = new Set<string>();
    for (const r of rows) for (const p of r.resident?.phones ?? []) phones.add(p.canonical);
    const register = await repo.loadRegister(
      tx,
      actor.companyId,
      involved.map((c) => c.id),
      [...phones],
    );
    return planImport(
      rows,
      {
        communities: communities.map((c) => ({ id: c.id, name: c.name, inScope: inScope(c.officeId) })),
        ...register,
      },
      randomUUID,
    );
  }

  return {
    async importFile(
      actor: RequestActor,
      locale: Locale,
      mode: ImportMode,
      buffer: Buffer,
    ): Promise<ImportReport> {
      const raws = await readImportFile(buffer, locale);
      const { rows, issues } = validateRows(raws);
      if (mode === 'commit' && issues.length) throw hasErrors(locale, issues);

      const run = async (tx: Tx) => {
        if (mode === 'commit') await repo.lockCompanyImports(tx, actor.companyId);
        const p = await plan(tx, actor, rows);
        const all = [...issues, ...p.issues].sort(byRowThenColumn);
        if (mode === 'commit') {
          if (all.length) throw hasErrors(locale, all);
          await repo.writePlan(tx, actor.companyId, p, clock.now());
        }
        return {
          mode,
          committed: mode === 'commit',
          rows: raws.length,
          rooms: p.summary.rooms,
          residents: p.summary.residents,
          phones: p.summary.phones,
          errors: translateIssues(locale, all),
          errorCount: all.length,
          updates: p.updates,
          note: translate(locale, 'import.reimport_note'),
        };
      };
      return mode === 'commit' ? db.transaction(run) : run(db);
    },

    async template(q: TemplateQuery): Promise<FileDownload> {
      const spec: SheetSpec = {
        name: SHEET_NAME,
        header: IMPORT_COLUMNS,
        rows: TEMPLATE_EXAMPLES,
        ...LAYOUT,
      };
      return q.format === 'csv'
        ? {
            body: await writeCsv(spec),
            contentType: CSV_TYPE,
            filename: '房屋住户导入模板.csv',
            asciiFilename: 'property-import-template.csv',
          }
        : {
            body: await writeXlsx(spec),
            contentType: XLSX_TYPE,
            filename: '房屋住户导入模板.xlsx',
            asciiFilename: 'property-import-template.xlsx',
          };
    },

    /** Every room of the communities in scope, one row per resident, in the import layout. */
    async exportRegister(actor: RequestActor, q: ExportQuery): Promise<FileDownload> {
      const scope = officeScope(actor);
      let communityName = '全部小区';
      if (q.communityId) {
        const c = await repo.getCommunity(db, actor.companyId, q.communityId);
        if (!c || (scope !== 'all' && !scope.includes(c.officeId))) throw notFound();
        communityName = c.name;
      }
      const rows = await repo.exportRows(db, actor.companyId, {
        communityId: q.communityId,
        scopeOfficeIds: scope,
      });
      rows.sort(
        (a, b) =>
          collator.compare(a.community, b.community) ||
          collator.compare(a.building, b.building) ||
          collator.compare(a.unit, b.unit) ||
          collator.compare(a.number, b.number) ||
          (RELATION_ORDER[a.relation ?? ''] ?? 9) - (RELATION_ORDER[b.relation ?? ''] ?? 9) ||
          collator.compare(a.residentName ?? '', b.residentName ?? ''),
      );
      const cells: SheetCell[][] = rows.map((r) => [
        r.community,
        r.building,
        r.unit,
        r.number,
        r.area === null ? null : Number(r.area),
        STATUS_LABEL[r.status as RoomStatus] ?? r.status,
        r.residentName ?? '',
        r.phones ?? '',
        r.relation ? (RELATION_LABEL[r.relation as Relation] ?? r.relation) : '',
      ]);
      const date = localDate(clock.now());
      return {
        body: await writeXlsx({ name: SHEET_NAME, header: IMPORT_COLUMNS, rows: cells, ...LAYOUT }),
        contentType: XLSX_TYPE,
        filename: `${SHEET_NAME}-${communityName}-${date}.xlsx`,
        asciiFilename: `property-export-${date}.xlsx`,
      };
    },
  };
}
