import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';
import { yuanToFen, fenToYuan } from '../../contracts/fee-items';
import { feeItems } from '../db/schema';

let t: TestApp;
let s: SeededCompany;
/** a fee item of another company in the same database */
let otherId: string;

beforeAll(async () => {
  t = await createTestApp();
  s = await t.seedCompany();
  const company = await t.make.company({ name: '别家物业有限公司' });
  [{ id: otherId }] = await t.database.db
    .insert(feeItems)
    .values({ companyId: company.id, name: '别家更换水龙头', unit: '个', priceFen: 9900 })
    .returning({ id: feeItems.id });
});
afterAll(() => t.close());

const admin = () => s.as('admin');

async function create(body: Record<string, unknown>) {
  const res = await admin()({ method: 'POST', url: '/api/fee-items', payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function listAll(query = '') {
  const res = await s.as('technician')({ method: 'GET', url: `/api/fee-items${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('price conversion', () => {
  it('parses yuan from the decimal text, never through a float', () => {
    expect(yuanToFen('12.30')).toBe(1230);
    expect(yuanToFen('0.29')).toBe(29);
    expect(yuanToFen(0.29)).toBe(29);
    expect(yuanToFen(12.3)).toBe(1230);
    expect(yuanToFen('7')).toBe(700);
    expect(yuanToFen('9999999.99')).toBe(999_999_999);
    expect(yuanToFen('10000000')).toBe('field.price_too_big');
    for (const bad of ['-1', '1.234', 'abc', '', '1e3', '.5', '1.'])
      expect(yuanToFen(bad)).toBe('field.money');
    expect(yuanToFen(Number.NaN)).toBe('field.money');
    expect(fenToYuan(1230)).toBe('12.30');
    expect(fenToYuan(5)).toBe('0.05');
  });
});

describe('fee standard (REPAIR-3)', () => {
  it('every staff member lists the items, ordered by sort then name; ?q= and ?active= filter', async () => {
    await create({ name: '疏通下水道', unit: '次', priceYuan: '50', sort: 0 });
    await create({ name: '更换水龙头', unit: '个', priceYuan: 30, sort: 1 });
    await create({ name: '更换水龙头软管', unit: '根', priceYuan: '10.00', sort: 1 });
    await create({ name: '停用的项目', unit: '次', priceYuan: '1', sort: 2, active: false });

    for (const role of ['agent', 'technician', 'auditor', 'supervisor'] as const) {
      const res = await s.as(role)({ method: 'GET', url: '/api/fee-items' });
      expect(res.statusCode, `${role}: ${res.body}`).toBe(200);
    }
    const all = await listAll();
    expect(all.total).toBe(4);
    // sort first (by name alone 停 < 更 < 疏); within one sort value by name (a prefix sorts first in any collation)
    expect(all.items.map((i: { name: string }) => i.name)).toEqual([
      '疏通下水道',
      '更换水龙头',
      '更换水龙头软管',
      '停用的项目',
    ]);
    expect(all.items.find((i: { name: string }) => i.name === '疏通下水道')).toMatchObject({
      unit: '次',
      priceYuan: '50.00',
      priceFen: 5000,
      note: null,
      active: true,
      version: 1,
    });
    expect(JSON.stringify(all)).not.toContain('别家');

    const active = await listAll('?active=true');
    expect(active.items.map((i: { name: string }) => i.name)).not.toContain('停用的项目');
    expect(active.total).toBe(3);
    const searched = await listAll(`?q=${encodeURIComponent('更换')}`);
    expect(searched.total).toBe(2);

    // paging: every item exactly once, the same order, the same total on every page
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const p = await listAll(`?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(p.total).toBe(4);
      seen.push(...p.items.map((i: { name: string }) => i.name));
      cursor = p.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i: { name: string }) => i.name));

    const badCursor = await s.as('agent')({ method: 'GET', url: '/api/fee-items?cursor=bm9wZQ' });
    expect(badCursor.statusCode).toBe(400);
  });

  it('only admins change the standard: other roles get 403 and nothing changes', async () => {
    const item = await create({ name: '更换门锁', unit: '把', priceYuan: '80' });
    for (const role of ['manager', 'director', 'supervisor', 'agent', 'technician', 'auditor'] as const) {
      const as = s.as(role);
      const post = await as({
        method: 'POST',
        url: '/api/fee-items',
        payload: { name: `x${role}`, unit: '个', priceYuan: 1 },
      });
      expect(post.statusCode, `${role} POST`).toBe(403);
      const patch = await as({
        method: 'PATCH',
        url: `/api/fee-items/${item.id}`,
        payload: { version: item.version, priceYuan: '1' },
      });
      expect(patch.statusCode, `${role} PATCH`).toBe(403);
      const del = await as({ method: 'DELETE', url: `/api/fee-items/${item.id}` });
      expect(del.statusCode, `${role} DELETE`).toBe(403);
    }
    const got = await admin()({ method: 'GET', url: `/api/fee-items/${item.id}` });
    expect(got.json()).toMatchObject({ priceYuan: '80.00', version: 1 });
    expect((await listAll(`?q=x`)).total).toBe(0);
    expect((await listAll(`?q=${encodeURIComponent('门锁')}`)).items).toHaveLength(1);
  });

  it('refuses bad prices with a translated field error and changes nothing', async () => {
    const item = await create({ name: '更换马桶盖', unit: '个', priceYuan: '45.5' });
    expect(item.priceYuan).toBe('45.50');
    const before = (await listAll()).total;
    const cases: [unknown, string][] = [
      ['-1', '金额须为 0 或正数，最多两位小数'],
      [-1, '金额须为 0 或正数，最多两位小数'],
      ['1.234', '金额须为 0 或正数，最多两位小数'],
      [1.234, '金额须为 0 或正数，最多两位小数'],
      ['abc', '金额须为 0 或正数，最多两位小数'],
      ['10000000', '单价不能超过 9999999.99 元'],
    ];
    for (const [priceYuan, message] of cases) {
      const post = await admin()({
        method: 'POST',
        url: '/api/fee-items',
        payload: { name: `坏价格${String(priceYuan)}`, unit: '个', priceYuan },
      });
      expect(post.statusCode, `POST ${String(priceYuan)}: ${post.body}`).toBe(400);
      expect(post.json().error.fields.priceYuan).toBe(message);
      const patch = await admin()({
        method: 'PATCH',
        url: `/api/fee-items/${item.id}`,
        payload: { version: item.version, priceYuan },
      });
      expect(patch.statusCode, `PATCH ${String(priceYuan)}`).toBe(400);
      expect(patch.json().error.fields.priceYuan).toBe(message);
    }
    const en = await admin()({
      method: 'POST',
      url: '/api/fee-items',
      headers: { 'accept-language': 'en-US' },
      payload: { name: 'bad', unit: '个', priceYuan: '1.234' },
    });
    expect(en.json().error.fields.priceYuan).toBe('An amount is zero or more, with at most two decimals');
    const notANumber = await admin()({
      method: 'POST',
      url: '/api/fee-items',
      payload: { name: '坏类型', unit: '个', priceYuan: true },
    });
    expect(notANumber.statusCode).toBe(400);
    expect(notANumber.json().error.fields.priceYuan).toBeTruthy();

    expect((await listAll()).total).toBe(before);
    const got = await admin()({ method: 'GET', url: `/api/fee-items/${item.id}` });
    expect(got.json()).toMatchObject({ priceYuan: '45.50', priceFen: 4550, version: 1 });
  });

  it('round-trips prices exactly, refuses a stale version with 409 and a duplicate name with 400', async () => {
    const item = await create({ name: '更换开关面板', unit: '个', priceYuan: '12.30', note: '不含材料' });
    expect(item).toMatchObject({ priceYuan: '12.30', priceFen: 1230, note: '不含材料' });
    const patched = await admin()({
      method: 'PATCH',
      url: `/api/fee-items/${item.id}`,
      payload: { version: 1, priceYuan: 0.29, note: '', active: false },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      priceYuan: '0.29',
      priceFen: 29,
      note: null,
      active: false,
      version: 2,
    });

    const stale = await admin()({
      method: 'PATCH',
      url: `/api/fee-items/${item.id}`,
      payload: { version: 1, priceYuan: '99' },
    });
    expect(stale.statusCode).toBe(409);
    const got = await admin()({ method: 'GET', url: `/api/fee-items/${item.id}` });
    expect(got.json()).toMatchObject({ priceYuan: '0.29', version: 2 });

    const dup = await admin()({
      method: 'POST',
      url: '/api/fee-items',
      payload: { name: '更换开关面板', unit: '个', priceYuan: 1 },
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.fields.name).toBeTruthy();
  });

  it('another company’s item is 404 on every method, and DELETE removes one of ours', async () => {
    const as = admin();
    for (const [method, payload] of [
      ['GET', undefined],
      ['PATCH', { version: 1, priceYuan: '1' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await as({ method, url: `/api/fee-items/${otherId}`, payload });
      expect(res.statusCode, method).toBe(404);
    }
    const [row] = await t.database.db.select().from(feeItems).where(eq(feeItems.id, otherId));
    expect(row).toMatchObject({ priceFen: 9900, version: 1 });

    const item = await create({ name: '待删除项目', unit: '次', priceYuan: 5 });
    const del = await as({ method: 'DELETE', url: `/api/fee-items/${item.id}` });
    expect(del.statusCode).toBe(200);
    expect((await as({ method: 'GET', url: `/api/fee-items/${item.id}` })).statusCode).toBe(404);
  });
});
