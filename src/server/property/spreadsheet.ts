/**
 * Reading and writing the register's spreadsheets with exceljs: .xlsx, and .csv in UTF-8 (with or without a
 * BOM) or GBK/GB18030 (what Excel on a Chinese Windows writes for "CSV (逗号分隔)"). The format is recognised
 * from the bytes, not the file name. Anything unreadable is `rule.import_bad_file`, never a 500.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { ruleViolation } from '../../domain/errors';

export type SheetCell = string | number | null;

/** Text rows of the first sheet (or the one named `preferSheet`); `row` is the spreadsheet's row number. */
export interface SheetRows {
  rows: { row: number; cells: string[] }[];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
// Control characters other than tab/CR/LF never occur in a text table: the bytes are not a CSV file.
// eslint-disable-next-line no-control-regex
const BINARY = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export async function readSpreadsheet(buffer: Buffer, preferSheet?: string): Promise<SheetRows> {
  if (buffer.length === 0) throw ruleViolation('import_bad_file');
  if (ZIP_MAGIC.every((b, i) => buffer[i] === b)) return readXlsx(buffer, preferSheet);
  return readCsv(buffer);
}

async function readXlsx(buffer: Buffer, preferSheet?: string): Promise<SheetRows> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw ruleViolation('import_bad_file');
  }
  const sheet = (preferSheet && workbook.getWorksheet(preferSheet)) || workbook.worksheets[0];
  if (!sheet) throw ruleViolation('import_bad_file');
  const rows: SheetRows['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    rows.push({ row: rowNumber, cells });
  });
  return { rows };
}

/** The text a person sees in a cell: numbers as typed (no exponent for phones), formulas by their result. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText))
      return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value)
      return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return '';
  }
  return '';
}

function decodeText(buffer: Buffer): string {
  const utf8BOM = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(utf8BOM ? buffer.subarray(3) : buffer);
  } catch {
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(buffer);
    } catch {
      throw ruleViolation('import_bad_file');
    }
  }
  if (BINARY.test(text)) throw ruleViolation('import_bad_file');
  return text;
}

async function readCsv(buffer: Buffer): Promise<SheetRows> {
  const text = decodeText(buffer);
  // Some "CSV" exports are tab-separated; the header line tells which.
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const workbook = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet;
  try {
    sheet = await workbook.csv.read(Readable.from([text]), {
      // Keep every value as text: exceljs would turn 0101 into 101 and 2-1 into a date.
      map: (v: unknown) => v,
      parserOptions: { delimiter },
    } as unknown as Parameters<typeof workbook.csv.read>[1]);
  } catch {
    throw ruleViolation('import_bad_file');
  }
  const rows: SheetRows['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values = row.values as unknown[];
    // row.values is 1-based
    rows.push({ row: rowNumber, cells: values.slice(1).map((v) => (typeof v === 'string' ? v : '')) });
  });
  return { rows };
}

export interface SheetSpec {
  name: string;
  header: readonly string[];
  rows: readonly (readonly SheetCell[])[];
  /** character widths per column */
  widths?: readonly number[];
  /** 0-based columns stored as text (房号 0101 and phones keep their leading zeros when edited in Excel) */
  textColumns?: readonly number[];
}

export async function writeXlsx(spec: SheetSpec): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Huiyin 回音';
  const sheet = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spec.header.map((h, i) => ({
    header: h,
    width: spec.widths?.[i] ?? 14,
    style: spec.textColumns?.includes(i) ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRows(spec.rows.map((r) => [...r]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** UTF-8 with a BOM, so Excel opens the Chinese text correctly. */
export async function writeCsv(spec: SheetSpec): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(spec.name);
  sheet.addRow([...spec.header]);
  sheet.addRows(spec.rows.map((r) => [...r]));
  const body = Buffer.from(await workbook.csv.writeBuffer());
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]);
}
