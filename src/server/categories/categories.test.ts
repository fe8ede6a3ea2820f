import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';
import { flattenDefaultCategories } from '../../domain/policy/categories';
import { cases, categories } from '../db/schema';
import { findCategory } from './categories.service';

let t: TestApp;
let s: SeededCompany;
beforeAll(async () => {
  t = await createTestApp();
  s = await t.seedCompany();
});
afterAll(() => t.close());

const DEFAULT_COUNT = flattenDefaultCategories().length;
type Cat = {
  id: string;
  parentId: string | null;
  code: string | null;
  name: string;
  displayName: string;
  depth: number;
  active: boolean;
};

const tree = async (as = s.as('agent'), lang = 'zh-CN') => {
  const res = await as({ method: 'GET', url: '/api/categories', headers: { 'accept-language': lang } });
  expect(res.statusCode).toBe(200);
  return res.json().items as Cat[];
};
const byCode = (items: Cat[], code: string) => items.find((c) => c.code === code)!;
const admin = () => s.as('admin');

async function fileCase(companyId: string, categoryId: string, userId: string) {
  await t.database.db.insert(cases).values({
    companyId,
    number: `TS-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
    channel: 'phone',
    kind: 'complaint',
    severity: 'general',
    state: 'received',
    categoryId,
    receivedAt: new Date(),
    recordedById: userId,
    firstResponderId: userId,
    description: '楼道灯不亮',
  });
}

describe('category tree (CLASS-3, policy)', () => {
  it('the first read seeds the default tree, parents before children, in the reader’s language', async () => {
    const items = await tree();
    expect(items).toHaveLength(DEFAULT_COUNT);
    expect(items[0]).toMatchObject({
      code: 'facility_repair',
      name: '设施报修',
      depth: 1,
      parentId: null,
      active: true,
    });
    expect(items[1]).toMatchObject({
      code: 'facility_repair.water_electric',
      name: '水电',
      depth: 2,
      parentId: items[0].id,
    });
    expect(items.filter((c) => c.depth === 1).map((c) => c.name)).toContain('休闲与儿童设施');
    const municipal = byCode(items, 'municipal');
    expect(items.filter((c) => c.parentId === municipal.id).map((c) => c.name)).toEqual([
      '供水',
      '供电',
      '燃气',
      '道路',
      '邮政',
      '通信',
    ]);

    const en = await tree(s.as('agent'), 'en-US');
    expect(byCode(en, 'facility_repair.lift')).toMatchObject({ name: '电梯', displayName: 'Lifts' });
    expect(en.map((c) => c.id)).toEqual(items.map((c) => c.id));
  });

  it('concurrent first reads of a new company seed the tree exactly once (advisory lock)', async () => {
    const company = await t.make.company();
    const user = await t.make.user({ companyId: company.id, roles: ['agent'] });
    const cookie = await t.login(user.username);
    const reads = await Promise.all(
      Array.from({ length: 6 }, () =>
        t.app.inject({ method: 'GET', url: '/api/categories', headers: { cookie } }),
      ),
    );
    for (const r of reads) expect(r.json().items).toHaveLength(DEFAULT_COUNT);
    const [{ n }] = await t.database.db
      .select({ n: count() })
      .from(categories)
      .where(eq(categories.companyId, company.id));
    expect(n).toBe(DEFAULT_COUNT);
  });

  it('only admins (settings.manage) change the tree; everyone signed in reads it', async () => {
    for (const role of ['manager', 'director', 'supervisor', 'agent', 'technician', 'auditor'] as const) {
      const res = await s.as(role)({ method: 'POST', url: '/api/categories', payload: { name: '装修管理' } });
      expect(res.statusCode, role).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/categories' })).statusCode).toBe(401);
  });

  it('creates a company category at the end of its siblings; a sibling with the same name is refused', async () => {
    const facility = byCode(await tree(), 'facility_repair');
    const res = await admin()({
      method: 'POST',
      url: '/api/categories',
      payload: { name: ' 电梯困人 ', parentId: facility.id },
    });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      name: '电梯困人',
      code: null,
      parentId: facility.id,
      depth: 2,
      active: true,
    });
    const items = await tree();
    const siblings = items.filter((c) => c.parentId === facility.id);
    expect(siblings.at(-1)!.id).toBe(created.id);

    const dup = await admin()({
      method: 'POST',
      url: '/api/categories',
      payload: { name: '电梯困人', parentId: facility.id },
    });
    expect(dup.statusCode).toBe(422);
    expect(dup.json().error.details.rule).toBe('duplicate_name');
    // the same name elsewhere in the tree is fine
    const top = await admin()({ method: 'POST', url: '/api/categories', payload: { name: '电梯困人' } });
    expect(top.statusCode).toBe(201);
  });

  it('creating honours Idempotency-Key (API-3): a retried request makes one category', async () => {
    const post = () =>
      admin()({
        method: 'POST',
        url: '/api/categories',
        headers: { 'idempotency-key': 'cat-1' },
        payload: { name: '车辆道闸' },
      });
    const [one, two] = [await post(), await post()];
    expect(two.statusCode).toBe(201);
    expect(two.json()).toEqual(one.json());
    expect((await tree()).filter((c) => c.name === '车辆道闸')).toHaveLength(1);
  });

  it('keeps the tree at most three levels and refuses cycles', async () => {
    const items = await tree();
    const lift = byCode(items, 'facility_repair.lift');
    const third = await admin()({
      method: 'POST',
      url: '/api/categories',
      payload: { name: '困人', parentId: lift.id },
    });
    expect(third.statusCode).toBe(201);
    expect(third.json().depth).toBe(3);
    const fourth = await admin()({
      method: 'POST',
      url: '/api/categories',
      payload: { name: '夜间困人', parentId: third.json().id },
    });
    expect(fourth.statusCode).toBe(422);
    expect(fourth.json().error).toMatchObject({ code: 'rule_violation', message: '分类最多三级' });

    const facility = byCode(items, 'facility_repair');
    const cycle = await admin()({
      method: 'PATCH',
      url: `/api/categories/${facility.id}`,
      payload: { parentId: lift.id },
    });
    expect(cycle.statusCode).toBe(422);
    expect(cycle.json().error.details.rule).toBe('category_cycle');
    // moving a two-level branch under a top-level category would make four levels
    const security = byCode(items, 'security');
    const deep = await admin()({
      method: 'PATCH',
      url: `/api/categories/${facility.id}`,
      payload: { parentId: security.id },
    });
    expect(deep.json().error.details.rule).toBe('category_too_deep');
  });

  it('renames and moves; deactivating a category switches off its subcategories; intake can ask for active ones', async () => {
    const items = await tree();
    const env = byCode(items, 'environment');
    const noise = byCode(items, 'environment.noise');
    const renamed = await admin()({
      method: 'PATCH',
      url: `/api/categories/${noise.id}`,
      payload: { name: '噪音扰民', sort: 1 },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({
      name: '噪音扰民',
      code: 'environment.noise',
      displayName: '噪音扰民',
    });
    const en = await tree(s.as('agent'), 'en-US');
    expect(byCode(en, 'environment.noise').displayName).toBe('噪音扰民');

    const off = await admin()({
      method: 'PATCH',
      url: `/api/categories/${env.id}`,
      payload: { active: false },
    });
    expect(off.json().active).toBe(false);
    const after = await tree();
    expect(after.filter((c) => c.parentId === env.id).every((c) => !c.active)).toBe(true);
    const active = (await s.as('agent')({ method: 'GET', url: '/api/categories?active=true' })).json()
      .items as Cat[];
    expect(active.some((c) => c.id === env.id || c.id === noise.id)).toBe(false);

    const child = await admin()({
      method: 'PATCH',
      url: `/api/categories/${noise.id}`,
      payload: { active: true },
    });
    expect(child.statusCode).toBe(422);
    expect(child.json().error.details.rule).toBe('category_parent_inactive');
    const on = await admin()({
      method: 'PATCH',
      url: `/api/categories/${env.id}`,
      payload: { active: true },
    });
    expect(on.json().active).toBe(true);
    expect((await tree()).filter((c) => c.parentId === env.id).every((c) => c.active)).toBe(true);
  });

  it('DELETE removes unused company categories, deactivates those used by cases and the defaults', async () => {
    const items = await tree();
    const order = byCode(items, 'public_order');
    const mk = async (name: string, parentId: string) =>
      (await admin()({ method: 'POST', url: '/api/categories', payload: { name, parentId } })).json() as Cat;
    const parking = byCode(items, 'public_order.parking');
    const unused = await mk('电动车乱停', order.id);
    const used = await mk('占用消防通道', order.id);
    await fileCase(s.company.id, used.id, s.users.agent.id);

    const gone = await admin()({ method: 'DELETE', url: `/api/categories/${unused.id}` });
    expect(gone.json()).toEqual({ deleted: 1, deactivated: 0 });
    const kept = await admin()({ method: 'DELETE', url: `/api/categories/${used.id}` });
    expect(kept.json()).toEqual({ deleted: 0, deactivated: 1 });
    const def = await admin()({ method: 'DELETE', url: `/api/categories/${parking.id}` });
    expect(def.json()).toEqual({ deleted: 0, deactivated: 1 });

    const after = await tree();
    expect(after.find((c) => c.id === unused.id)).toBeUndefined();
    expect(after.find((c) => c.id === used.id)).toMatchObject({ active: false });
    expect(after.find((c) => c.id === parking.id)).toMatchObject({ active: false });
    // the tree is not re-seeded: the defaults are still there once
    expect(after.filter((c) => c.code).length).toBe(DEFAULT_COUNT);
  });

  it('deleting a company subtree keeps a used grandchild and the parents it hangs from', async () => {
    const root = (
      await admin()({ method: 'POST', url: '/api/categories', payload: { name: '装修' } })
    ).json() as Cat;
    const mid = (
      await admin()({
        method: 'POST',
        url: '/api/categories',
        payload: { name: '装修噪音', parentId: root.id },
      })
    ).json() as Cat;
    const leafUsed = (
      await admin()({
        method: 'POST',
        url: '/api/categories',
        payload: { name: '周末施工', parentId: mid.id },
      })
    ).json() as Cat;
    const other = (
      await admin()({
        method: 'POST',
        url: '/api/categories',
        payload: { name: '装修垃圾', parentId: root.id },
      })
    ).json() as Cat;
    await fileCase(s.company.id, leafUsed.id, s.users.agent.id);
    const res = await admin()({ method: 'DELETE', url: `/api/categories/${root.id}` });
    expect(res.json()).toEqual({ deleted: 1, deactivated: 3 });
    const after = await tree();
    expect(after.find((c) => c.id === other.id)).toBeUndefined();
    for (const c of [root, mid, leafUsed])
      expect(after.find((x) => x.id === c.id)).toMatchObject({ active: false });
  });

  it('another company’s category is 404 on every method and never a parent (TENANT-1)', async () => {
    const b = await t.make.company();
    const bAdmin = await t.make.user({ companyId: b.id, roles: ['admin'] });
    const bCookie = await t.login(bAdmin.username);
    const bItems = (
      await t.app.inject({ method: 'GET', url: '/api/categories', headers: { cookie: bCookie } })
    ).json().items as Cat[];
    const theirs = bItems[0].id;
    expect((await tree()).some((c) => c.id === theirs)).toBe(false);
    expect(
      (await admin()({ method: 'PATCH', url: `/api/categories/${theirs}`, payload: { name: 'x' } }))
        .statusCode,
    ).toBe(404);
    expect((await admin()({ method: 'DELETE', url: `/api/categories/${theirs}` })).statusCode).toBe(404);
    const asParent = await admin()({
      method: 'POST',
      url: '/api/categories',
      payload: { name: '越界', parentId: theirs },
    });
    expect(asParent.statusCode).toBe(400);
    expect(asParent.json().error.fields.parentId).toBe('找不到该记录');
    expect(await findCategory(t.database.db, s.company.id, theirs)).toBeNull();
  });

  it('findCategory gives the case service the category with its ancestors, nearest first', async () => {
    const items = await tree();
    const lift = byCode(items, 'facility_repair.lift');
    const found = await findCategory(t.database.db, s.company.id, lift.id);
    expect(found).toMatchObject({ id: lift.id, code: 'facility_repair.lift', name: '电梯', active: true });
    expect(found!.ancestorIds).toEqual([byCode(items, 'facility_repair').id]);
  });
});
