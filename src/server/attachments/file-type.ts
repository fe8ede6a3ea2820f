/**
 * What an upload really is. Images and PDFs are recognised by their first bytes, whatever the browser declared
 * (a renamed .exe is not a photo); Office files by their zip structure; plain text by having no NUL byte.
 */

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The allow-list of attachment types. */
export const ALLOWED_MIME_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'application/pdf',
  DOCX,
  XLSX,
  'text/plain',
] as const;
export type AllowedMime = (typeof ALLOWED_MIME_TYPES)[number];

const startsWith = (bytes: Buffer, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
const ascii = (bytes: Buffer, from: number, to: number) => bytes.subarray(from, to).toString('latin1');

/** HEIF brands of photos from phones (iPhone: heic; others: mif1/heix …). */
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

function sniffMagic(bytes: Buffer): AllowedMime | 'zip' | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  if (ascii(bytes, 4, 8) === 'ftyp' && HEIF_BRANDS.has(ascii(bytes, 8, 12))) return 'image/heic';
  if (ascii(bytes, 0, 5) === '%PDF-') return 'application/pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  return null;
}

const extensionOf = (filename: string) => /\.([A-Za-z0-9]{1,8})$/.exec(filename)?.[1].toLowerCase() ?? '';

/**
 * The real type of an upload, or null when it is not on the allow-list.
 * - magic bytes decide for images and PDF (the declared type is ignored);
 * - a zip is an Office file only when it holds a Word or Excel part (entry names are stored uncompressed);
 * - text must be declared as text (type or .txt) and contain no NUL byte.
 */
export function detectFileType(bytes: Buffer, declaredMime: string, filename: string): AllowedMime | null {
  const magic = sniffMagic(bytes);
  if (magic === 'zip') {
    const body = bytes.toString('latin1');
    if (body.includes('word/document.xml')) return DOCX;
    if (body.includes('xl/workbook.xml')) return XLSX;
    return null;
  }
  if (magic) return magic;
  const declared = declaredMime.split(';')[0].trim().toLowerCase();
  if ((declared === 'text/plain' || extensionOf(filename) === 'txt') && !bytes.includes(0))
    return 'text/plain';
  return null;
}

/** Images and PDFs open in the browser; everything else is downloaded. */
export const shownInline = (mime: string) => mime.startsWith('image/') || mime === 'application/pdf';

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;

const EXTENSION_OF: Record<AllowedMime, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'application/pdf': 'pdf',
  [DOCX]: 'docx',
  [XLSX]: 'xlsx',
  'text/plain': 'txt',
};

/** A file name safe to store and send back: no path, no control characters, at most 200 characters. */
export function cleanFilename(raw: string | undefined, mime: AllowedMime): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  let name = base.normalize('NFC').replace(CONTROL_CHARS, '').trim();
  if (name.length > 200) {
    const ext = /\.[A-Za-z0-9]{1,8}$/.exec(name)?.[0] ?? '';
    name = name.slice(0, 200 - ext.length) + ext;
  }
  return name && name !== '.' && name !== '..' ? name : `file.${EXTENSION_OF[mime]}`;
}

/** `Content-Disposition` with an ASCII fallback and the UTF-8 name of RFC 5987 / RFC 6266. */
export function contentDisposition(type: 'inline' | 'attachment', filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
