import { randomBytes } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';
import { blobs, cases } from '../db/schema';
import { attachToCase, listCaseAttachments, registerAttachmentAccess } from './attachments.service';
import { createPgBlobStore, sha256Hex } from './blob-store';
import { DOCX, detectFileType } from './file-type';

let t: TestApp;
let s: SeededCompany;
let b: { companyId: string; cookie: string };
beforeAll(async () => {
  t = await createTestApp();
  s = await t.seedCompany();
  const company = await t.make.company();
  const user = await t.make.user({ companyId: company.id, roles: ['admin'] });
  b = { companyId: company.id, cookie: await t.login(user.username) };
});
afterAll(() => t.close());

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(64)]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF');
const HEIC = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), randomBytes(32)]);
const WEBP = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from([0x10, 0, 0, 0]),
  Buffer.from('WEBPVP8 '),
  randomBytes(16),
]);
const EXE = Buffer.concat([Buffer.from('MZ'), randomBytes(64)]);
const zipWith = (entry: string) =>
  Buffer.concat([
    Buffer.from([0x50, 0x4b, 0x03, 0x04]),
    randomBytes(26),
    Buffer.from(`[Content_Types].xml${entry}`),
    randomBytes(32),
  ]);

function multipart(filename: string, mime: string, bytes: Buffer, field = 'file') {
  const boundary = `----huiyin${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${mime}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head, 'utf8'), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const upload = (as: ReturnType<SeededCompany['as']>, filename: string, mime: string, bytes: Buffer) => {
  const m = multipart(filename, mime, bytes);
  return as({ method: 'POST', url: '/api/attachments', payload: m.payload, headers: m.headers });
};
const content = (as: ReturnType<SeededCompany['as']>, id: string, query = '') =>
  as({ method: 'GET', url: `/api/attachments/${id}/content${query}` });

async function newCase(companyId = s.company.id) {
  const [row] = await t.database.db
    .insert(cases)
    .values({
      companyId,
      number: `BX-2026-${randomBytes(3).toString('hex')}`,
      channel: 'app',
      kind: 'repair',
      severity: 'general',
      state: 'received',
      receivedAt: new Date(),
      recordedById: s.users.agent.id,
      firstResponderId: s.users.agent.id,
      description: '卫生间漏水',
    })
    .returning({ id: cases.id });
  return row.id;
}

describe('file types: magic bytes decide, not the declared type', () => {
  it('recognises the allow-list and refuses the rest', () => {
    expect(detectFileType(PNG, 'application/octet-stream', 'x.bin')).toBe('image/png');
    expect(detectFileType(JPEG, 'image/png', 'photo.png')).toBe('image/jpeg');
    expect(detectFileType(WEBP, '', '')).toBe('image/webp');
    expect(detectFileType(HEIC, '', 'IMG_0001.HEIC')).toBe('image/heic');
    expect(detectFileType(PDF, 'text/plain', 'a.txt')).toBe('application/pdf');
    expect(detectFileType(zipWith('word/document.xml'), 'application/zip', 'a.docx')).toBe(DOCX);
    expect(detectFileType(zipWith('xl/workbook.xml'), '', 'a.xlsx')).toMatch(/spreadsheetml/);
    expect(detectFileType(zipWith('payload.exe'), 'application/zip', 'a.zip')).toBeNull();
    expect(detectFileType(EXE, 'image/jpeg', 'photo.jpg')).toBeNull();
    expect(detectFileType(Buffer.from('楼道灯坏了'), 'text/plain', 'note')).toBe('text/plain');
    expect(detectFileType(Buffer.from('a\u0000b'), 'text/plain', 'a.txt')).toBeNull();
    expect(detectFileType(Buffer.from('<script>'), 'text/html', 'a.html')).toBeNull();
  });
});

describe('uploads (INTAKE-10)', () => {
  it('stores a file for the uploader, with the detected type, and serves it back only to them', async () => {
    const res = await upload(s.as('agent'), '漏水 照片(1).png', 'application/octet-stream', PNG);
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({
      filename: '漏水 照片(1).png',
      mime: 'image/png',
      size: PNG.length,
      caseId: null,
    });

    const got = await content(s.as('agent'), a.id);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(PNG)).toBe(true);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(got.headers['content-disposition']).toBe(
      `inline; filename="__ __(1).png"; filename*=UTF-8''%E6%BC%8F%E6%B0%B4%20%E7%85%A7%E7%89%87%281%29.png`,
    );
    expect((await content(s.as('agent'), a.id, '?download=1')).headers['content-disposition']).toMatch(
      /^attachment;/,
    );

    // unattached: nobody else, not even an admin of the company, and never another company
    expect((await content(s.as('admin'), a.id)).statusCode).toBe(404);
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/attachments/${a.id}/content`,
      headers: { cookie: b.cookie },
    });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('not_found');
  });

  it('takes the real type from the bytes and refuses what is not on the allow-list', async () => {
    const renamed = await upload(s.as('agent'), 'scan.png', 'image/png', JPEG);
    expect(renamed.json().mime).toBe('image/jpeg');
    const exe = await upload(s.as('agent'), 'photo.jpg', 'image/jpeg', EXE);
    expect(exe.statusCode).toBe(400);
    expect(exe.json().error.fields.file).toMatch(/不支持的文件类型/);
    const empty = await upload(s.as('agent'), 'a.txt', 'text/plain', Buffer.alloc(0));
    expect(empty.json().error.fields.file).toBe('文件是空的');
    const text = await upload(
      s.as('agent'),
      '../../etc/说明.txt',
      'text/plain',
      Buffer.from('三楼楼道灯坏了'),
    );
    expect(text.json()).toMatchObject({ filename: '说明.txt', mime: 'text/plain' });
    const served = await content(s.as('agent'), text.json().id);
    expect(served.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(served.headers['content-disposition']).toMatch(/^attachment;/);
    const docx = await upload(
      s.as('agent'),
      '整改报告.docx',
      'application/octet-stream',
      zipWith('word/document.xml'),
    );
    expect(docx.json().mime).toBe(DOCX);
  });

  it('a request without a `file` part is a validation error, never a 500', async () => {
    const wrongField = multipart('a.png', 'image/png', PNG, 'photo');
    const res = await s.as('agent')({
      method: 'POST',
      url: '/api/attachments',
      payload: wrongField.payload,
      headers: wrongField.headers,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.file).toBe('必填');
    const json = await s.as('agent')({ method: 'POST', url: '/api/attachments', payload: { file: 'x' } });
    expect(json.statusCode).toBe(400);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/attachments',
          ...multipart('a.png', 'image/png', PNG),
        })
      ).statusCode,
    ).toBe(401);
  });

  it('accepts files above the 2 MB JSON body limit, up to the upload limit', async () => {
    const big = Buffer.concat([PDF, randomBytes(3 * 1024 * 1024)]);
    const res = await upload(s.as('agent'), '竣工图.pdf', 'application/pdf', big);
    expect(res.statusCode).toBe(201);
    expect(res.json().size).toBe(big.length);
  });

  it('stores the same bytes once per company (content-addressed), separately for each company', async () => {
    const bytes = Buffer.concat([PNG, randomBytes(16)]);
    const one = (await upload(s.as('agent'), 'a.png', 'image/png', bytes)).json();
    const two = (await upload(s.as('technician'), 'b.png', 'image/png', bytes)).json();
    expect(one.id).not.toBe(two.id);
    const theirs = await t.app.inject({
      method: 'POST',
      url: '/api/attachments',
      ...withCookie(multipart('c.png', 'image/png', bytes), b.cookie),
    });
    expect(theirs.statusCode).toBe(201);
    const rows = await t.database.db
      .select({ companyId: blobs.companyId, n: count() })
      .from(blobs)
      .where(eq(blobs.sha256, sha256Hex(bytes)))
      .groupBy(blobs.companyId);
    expect(rows.map((r) => r.n)).toEqual([1, 1]);
    expect(new Set(rows.map((r) => r.companyId))).toEqual(new Set([s.company.id, b.companyId]));
  });
});

function withCookie(m: ReturnType<typeof multipart>, cookie: string) {
  return { payload: m.payload, headers: { ...m.headers, cookie } };
}

describe('BlobStore (PostgreSQL implementation, docs/adr/0005)', () => {
  it('put is idempotent, get is per company', async () => {
    const store = createPgBlobStore(t.database.db);
    const bytes = randomBytes(100);
    const first = await store.put(s.company.id, bytes);
    expect(first).toEqual({ sha256: sha256Hex(bytes), size: 100 });
    expect(await store.put(s.company.id, bytes)).toEqual(first);
    expect((await store.get(s.company.id, first.sha256))!.equals(bytes)).toBe(true);
    expect(await store.get(b.companyId, first.sha256)).toBeNull();
    const [{ n }] = await t.database.db
      .select({ n: count() })
      .from(blobs)
      .where(and(eq(blobs.companyId, s.company.id), eq(blobs.sha256, first.sha256)));
    expect(n).toBe(1);
  });
});

describe('attaching to a case', () => {
  it('attachToCase sets the case in the caller’s transaction; a file of another case or company is refused', async () => {
    const caseId = await newCase();
    const photo = (await upload(s.as('technician'), '现场.jpg', 'image/jpeg', JPEG)).json();
    const note = (await upload(s.as('agent'), '说明.txt', 'text/plain', Buffer.from('业主不在家'))).json();
    const attached = await t.database.db.transaction((tx) =>
      attachToCase(tx, s.company.id, [note.id, photo.id], caseId, s.users.agent.id),
    );
    expect(attached.map((a) => [a.id, a.caseId])).toEqual([
      [note.id, caseId],
      [photo.id, caseId],
    ]);
    // a retry of the same attach is harmless
    await t.database.db.transaction((tx) =>
      attachToCase(tx, s.company.id, [photo.id], caseId, s.users.agent.id),
    );
    expect((await listCaseAttachments(t.database.db, s.company.id, caseId)).map((a) => a.id).sort()).toEqual(
      [note.id, photo.id].sort(),
    );

    const otherCase = await newCase();
    await expect(
      t.database.db.transaction((tx) =>
        attachToCase(tx, s.company.id, [photo.id], otherCase, s.users.agent.id),
      ),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      fields: { 'attachmentIds.0': 'field.attachment_unavailable' },
    });

    const theirs = (
      await t.app.inject({
        method: 'POST',
        url: '/api/attachments',
        ...withCookie(multipart('x.png', 'image/png', PNG), b.cookie),
      })
    ).json();
    await expect(
      t.database.db.transaction((tx) =>
        attachToCase(tx, s.company.id, [theirs.id], otherCase, s.users.agent.id),
      ),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    // the failed attach rolled back: nothing of it stuck
    expect(await listCaseAttachments(t.database.db, s.company.id, otherCase)).toEqual([]);
  });

  it('an attached file is served by the case-visibility rule once the case service registers it', async () => {
    const caseId = await newCase();
    const photo = (await upload(s.as('agent'), '现场.png', 'image/png', PNG)).json();
    await t.database.db.transaction((tx) =>
      attachToCase(tx, s.company.id, [photo.id], caseId, s.users.agent.id),
    );
    // before registration: the uploader only
    expect((await content(s.as('agent'), photo.id)).statusCode).toBe(200);
    expect((await content(s.as('director'), photo.id)).statusCode).toBe(404);

    const seen: string[] = [];
    registerAttachmentAccess(t.app, async (actor, id) => {
      seen.push(id);
      return actor.roles.includes('director');
    });
    expect((await content(s.as('director'), photo.id)).statusCode).toBe(200);
    expect((await content(s.as('agent'), photo.id)).statusCode).toBe(404);
    expect(seen).toEqual([caseId, caseId]);
    // never across companies, whatever the rule says
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/attachments/${photo.id}/content`,
      headers: { cookie: b.cookie },
    });
    expect(other.statusCode).toBe(404);
    expect(seen).toHaveLength(2);
  });
});

describe('upload size limit (HUIYIN_UPLOAD_MAX_MB)', () => {
  let small: TestApp;
  beforeAll(async () => {
    small = await createTestApp({ HUIYIN_UPLOAD_MAX_MB: '1' });
  });
  afterAll(() => small.close());

  it('answers 413 naming the upload limit', async () => {
    const company = await small.seedCompany();
    const m = multipart('big.pdf', 'application/pdf', Buffer.concat([PDF, randomBytes(1024 * 1024 + 10)]));
    const res = await company.as('agent')({
      method: 'POST',
      url: '/api/attachments',
      payload: m.payload,
      headers: m.headers,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({
      code: 'validation_failed',
      message: '上传的文件过大（上限 1 MB）',
    });
  });
});
