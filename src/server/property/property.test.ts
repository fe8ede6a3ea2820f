import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../domain/access/roles';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';

let t: TestApp;
let s: SeededCompany;
/** a second company in the same database */
let other: SeededCompany;

beforeAll(async () => {
  t = await createTestApp();
  s = await t.seedCompany();
  other = await t.seedCompany();
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const call = (who: SeededCompany, role: Role, method: Method, url: string, payload?: unknown) =>
  who.as(role)({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
const api = (role: Role, method: Method, url: string, payload?: unknown) =>
  call(s, role, method, url, payload);

/** A community → building → unit → room chain in an office of company `s` (or `companyId`'s office). */
async function tree(
  opts: { officeId?: string; community?: string; building?: string; unit?: string; number?: string } = {},
) {
  const community = await t.make.community({
    officeId: opts.officeId ?? s.office.id,
    ...(opts.community ? { name: opts.community } : {}),
  });
  const building = await t.make.building({
    communityId: community.id,
    ...(opts.building ? { name: opts.building } : {}),
  });
  const unit = await t.make.unit({ buildingId: building.id, ...(opts.unit ? { name: opts.unit } : {}) });
  const room = await t.make.room({ unitId: unit.id, ...(opts.number ? { number: opts.number } : {}) });
  return { community, building, unit, room };
}

const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((i) => i.id);

describe('property register CRUD (REGISTER-1)', () => {
  it('creates, reads, updates and deletes the whole tree community → building → unit → room → resident', async () => {
    const c = await api('director', 'POST', '/api/communities', {
      officeId: s.office.id,
      name: '翠湖花园',
      address: '深圳市南山区翠湖路1号',
    });
    expect(c.statusCode).toBe(201);
    expect(c.json()).toMatchObject({
      name: '翠湖花园',
      address: '深圳市南山区翠湖路1号',
      office: { id: s.office.id },
      buildingCount: 0,
      roomCount: 0,
      occupiedCount: 0,
      version: 1,
    });
    const communityId = c.json().id;

    const b = await api('director', 'POST', '/api/buildings', { communityId, name: '3号楼' });
    expect(b.statusCode).toBe(201);
    expect(b.json()).toMatchObject({ communityId, name: '3号楼', unitCount: 0, roomCount: 0, version: 1 });
    const buildingId = b.json().id;

    const u = await api('director', 'POST', '/api/building-units', { buildingId, name: '2单元' });
    expect(u.statusCode).toBe(201);
    expect(u.json()).toMatchObject({ buildingId, communityId, name: '2单元', roomCount: 0, version: 1 });
    const unitId = u.json().id;

    const r = await api('director', 'POST', '/api/rooms', {
      unitId,
      number: '501',
      area: 89.5,
      status: 'occupied',
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      label: '翠湖花园 3号楼2单元501',
      communityId,
      buildingId,
      unitId,
      number: '501',
      area: 89.5,
      status: 'occupied',
      residentCount: 0,
      version: 1,
    });
    const roomId = r.json().id;

    const p = await api('director', 'POST', '/api/residents', {
      name: '张三',
      phones: ['13812345678', '0755-26881234-801'],
      rooms: [{ roomId, relation: 'owner' }],
      note: '腿脚不便，上门请提前电话',
    });
    expect(p.statusCode).toBe(201);
    expect(p.json()).toMatchObject({
      name: '张三',
      phones: ['13812345678', '0755-26881234-801'],
      rooms: [{ roomId, label: '翠湖花园 3号楼2单元501', relation: 'owner' }],
      note: '腿脚不便，上门请提前电话',
      version: 1,
    });
    const residentId = p.json().id;

    // Reads, with counts up the tree.
    const room = await api('agent', 'GET', `/api/rooms/${roomId}`);
    expect(room.statusCode).toBe(200);
    expect(room.json().residentCount).toBe(1);
    expect(room.json().residents).toEqual([
      { id: residentId, name: '张三', phones: ['13812345678', '0755-26881234-801'], relation: 'owner' },
    ]);
    expect((await api('agent', 'GET', `/api/communities/${communityId}`)).json()).toMatchObject({
      buildingCount: 1,
      roomCount: 1,
      occupiedCount: 1,
    });
    expect((await api('agent', 'GET', `/api/buildings/${buildingId}`)).json()).toMatchObject({
      unitCount: 1,
      roomCount: 1,
    });
    expect((await api('agent', 'GET', `/api/building-units/${unitId}`)).json().roomCount).toBe(1);
    expect(ids(await api('agent', 'GET', `/api/buildings?communityId=${communityId}`))).toEqual([buildingId]);
    expect(ids(await api('agent', 'GET', `/api/building-units?buildingId=${buildingId}`))).toEqual([unitId]);
    expect(ids(await api('agent', 'GET', `/api/rooms?unitId=${unitId}`))).toEqual([roomId]);
    expect(ids(await api('agent', 'GET', `/api/residents?roomId=${roomId}`))).toEqual([residentId]);
    expect(ids(await api('agent', 'GET', `/api/residents?communityId=${communityId}`))).toEqual([residentId]);

    // Updates carry the version and increment it.
    const c2 = await api('director', 'PATCH', `/api/communities/${communityId}`, {
      version: 1,
      name: '翠湖花园一期',
      address: null,
    });
    expect(c2.statusCode).toBe(200);
    expect(c2.json()).toMatchObject({ name: '翠湖花园一期', address: null, version: 2 });
    const b2 = await api('director', 'PATCH', `/api/buildings/${buildingId}`, { version: 1, name: '5号楼' });
    expect(b2.json()).toMatchObject({ name: '5号楼', version: 2 });
    const u2 = await api('director', 'PATCH', `/api/building-units/${unitId}`, { version: 1, name: '1单元' });
    expect(u2.json()).toMatchObject({ name: '1单元', version: 2 });
    const r2 = await api('director', 'PATCH', `/api/rooms/${roomId}`, {
      version: 1,
      number: '502',
      area: null,
      status: 'vacant',
    });
    expect(r2.statusCode).toBe(200);
    expect(r2.json()).toMatchObject({
      label: '翠湖花园一期 5号楼1单元502',
      area: null,
      status: 'vacant',
      version: 2,
    });
    expect((await api('agent', 'GET', `/api/communities/${communityId}`)).json().occupiedCount).toBe(0);
    const p2 = await api('director', 'PATCH', `/api/residents/${residentId}`, {
      version: 1,
      name: '张三丰',
      phones: ['+86 139-0000-1111'],
      rooms: [{ roomId, relation: 'tenant' }],
      note: null,
    });
    expect(p2.statusCode).toBe(200);
    expect(p2.json()).toMatchObject({
      name: '张三丰',
      phones: ['+86 139-0000-1111'],
      rooms: [{ roomId, relation: 'tenant' }],
      note: null,
      version: 2,
    });

    // Deleting a room removes its links; the resident stays.
    expect((await api('director', 'DELETE', `/api/rooms/${roomId}`)).json()).toEqual({ ok: true });
    expect((await api('admin', 'GET', `/api/residents/${residentId}`)).json().rooms).toEqual([]);
    expect((await api('director', 'GET', `/api/rooms/${roomId}`)).statusCode).toBe(404);
    expect((await api('director', 'DELETE', `/api/building-units/${unitId}`)).statusCode).toBe(200);
    expect((await api('director', 'DELETE', `/api/buildings/${buildingId}`)).statusCode).toBe(200);
    expect((await api('director', 'DELETE', `/api/communities/${communityId}`)).statusCode).toBe(200);
    expect((await api('admin', 'DELETE', `/api/residents/${residentId}`)).statusCode).toBe(200);
    for (const url of [
      `/api/communities/${communityId}`,
      `/api/buildings/${buildingId}`,
      `/api/building-units/${unitId}`,
      `/api/residents/${residentId}`,
    ])
      expect((await api('admin', 'GET', url)).statusCode, url).toBe(404);
  });

  it('one person may hold several rooms and one phone may belong to several people', async () => {
    const a = await tree();
    const b = await tree();
    const owner = await api('supervisor', 'POST', '/api/residents', {
      name: '李四',
      phones: ['13700001111'],
      rooms: [
        { roomId: a.room.id, relation: 'owner' },
        { roomId: b.room.id, relation: 'owner' },
      ],
    });
    expect(owner.statusCode).toBe(201);
    expect(owner.json().rooms).toHaveLength(2);
    const wife = await api('supervisor', 'POST', '/api/residents', {
      name: '王芳',
      phones: ['137 0000 1111'],
      rooms: [{ roomId: a.room.id, relation: 'family' }],
    });
    expect(wife.statusCode).toBe(201);
    const found = await api('agent', 'GET', '/api/residents?phone=13700001111');
    expect(ids(found).sort()).toEqual([owner.json().id, wife.json().id].sort());
    const room = await api('agent', 'GET', `/api/rooms/${a.room.id}`);
    expect(room.json().residents.map((r: { relation: string }) => r.relation)).toEqual(['owner', 'family']);
  });

  it('technicians and auditors cannot write (property.manage)', async () => {
    for (const role of ['technician', 'auditor', 'agent'] as const) {
      const res = await api(role, 'POST', '/api/communities', { officeId: s.office.id, name: `不准${role}` });
      expect(res.statusCode, role).toBe(403);
    }
  });
});

describe('masking of residents (PRIV-2, REGISTER-1)', () => {
  let roomId: string;
  let residentId: string;
  beforeAll(async () => {
    roomId = (await tree()).room.id;
    residentId = (
      await t.make.resident({ name: '张三', phones: ['13812345678'], rooms: [{ roomId, relation: 'owner' }] })
    ).id;
  });

  it('technician and auditor see 张* and 138****5678 in every response', async () => {
    for (const role of ['technician', 'auditor'] as const) {
      const one = (await api(role, 'GET', `/api/residents/${residentId}`)).json();
      expect(one.name, role).toBe('张*');
      expect(one.phones, role).toEqual(['138****5678']);
      expect(one.note, role).toBeNull();
      const list = (await api(role, 'GET', `/api/residents?roomId=${roomId}`)).json();
      expect(list.items[0].name, role).toBe('张*');
      expect(list.items[0].phones, role).toEqual(['138****5678']);
      const room = (await api(role, 'GET', `/api/rooms/${roomId}`)).json();
      expect(room.residents[0].name, role).toBe('张*');
      expect(room.residents[0].phones, role).toEqual(['138****5678']);
      const body = JSON.stringify([one, list, room]);
      expect(body, role).not.toContain('张三');
      expect(body, role).not.toContain('13812345678');
    }
  });

  it('agent (residents.pii) sees the full name and phone', async () => {
    const one = (await api('agent', 'GET', `/api/residents/${residentId}`)).json();
    expect(one.name).toBe('张三');
    expect(one.phones).toEqual(['13812345678']);
    const room = (await api('agent', 'GET', `/api/rooms/${roomId}`)).json();
    expect(room.residents[0]).toMatchObject({ name: '张三', phones: ['13812345678'] });
  });
});

describe('phone search in canonical form (REGISTER-4)', () => {
  it('?phone=+86 138-1234-5678 finds the resident stored as 13812345678', async () => {
    const { room } = await tree();
    const p = await t.make.resident({
      name: '赵六',
      phones: ['13812345678'],
      rooms: [{ roomId: room.id, relation: 'owner' }],
    });
    const res = await api('agent', 'GET', `/api/residents?phone=${encodeURIComponent('+86 138-1234-5678')}`);
    expect(res.statusCode).toBe(200);
    expect(ids(res)).toContain(p.id);
    expect(ids(await api('agent', 'GET', '/api/residents?phone=13812345679'))).not.toContain(p.id);
    // q matches part of a phone's digits, and names.
    expect(ids(await api('agent', 'GET', '/api/residents?q=5678'))).toContain(p.id);
    expect(ids(await api('agent', 'GET', `/api/residents?q=${encodeURIComponent('赵六')}`))).toEqual([p.id]);
  });

  it('a phone that is not one is a 400 on the query field', async () => {
    const res = await api('agent', 'GET', '/api/residents?phone=abc');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields['querystring.phone']).toBe('电话号码格式不正确');
  });
});

describe('office scope (ACCESS-2: non-company-wide roles see only their offices)', () => {
  let far: Awaited<ReturnType<typeof tree>>;
  let farResident: string;
  beforeAll(async () => {
    far = await tree({ officeId: s.otherOffice.id });
    farResident = (await t.make.resident({ name: '远方', rooms: [{ roomId: far.room.id }] })).id;
  });

  it('a director of office 1 gets 404 for a community of office 2 and does not see it in lists', async () => {
    expect((await api('director', 'GET', `/api/communities/${far.community.id}`)).statusCode).toBe(404);
    expect(
      (await api('director', 'PATCH', `/api/communities/${far.community.id}`, { version: 1 })).statusCode,
    ).toBe(404);
    expect((await api('director', 'DELETE', `/api/communities/${far.community.id}`)).statusCode).toBe(404);
    expect((await api('director', 'GET', `/api/buildings/${far.building.id}`)).statusCode).toBe(404);
    expect((await api('director', 'GET', `/api/building-units/${far.unit.id}`)).statusCode).toBe(404);
    expect((await api('director', 'GET', `/api/rooms/${far.room.id}`)).statusCode).toBe(404);
    expect((await api('director', 'GET', `/api/residents/${farResident}`)).statusCode).toBe(404);
    expect(ids(await api('director', 'GET', '/api/communities?limit=200'))).not.toContain(far.community.id);
    expect(ids(await api('director', 'GET', `/api/communities?officeId=${s.otherOffice.id}`))).toEqual([]);
    expect(ids(await api('director', 'GET', '/api/buildings?limit=200'))).not.toContain(far.building.id);
    expect(ids(await api('director', 'GET', '/api/building-units?limit=200'))).not.toContain(far.unit.id);
    expect(ids(await api('director', 'GET', '/api/rooms?limit=200'))).not.toContain(far.room.id);
    expect(ids(await api('director', 'GET', '/api/residents?limit=200'))).not.toContain(farResident);
    // Company-wide roles see it.
    expect((await api('manager', 'GET', `/api/communities/${far.community.id}`)).statusCode).toBe(200);
    expect(ids(await api('manager', 'GET', `/api/communities?officeId=${s.otherOffice.id}`))).toContain(
      far.community.id,
    );
    expect(ids(await api('admin', 'GET', '/api/residents?limit=200'))).toContain(farResident);
  });

  it('writes outside the scope are refused on the field that points there', async () => {
    const c = await api('director', 'POST', '/api/communities', {
      officeId: s.otherOffice.id,
      name: '越界小区',
    });
    expect(c.statusCode).toBe(400);
    expect(c.json().error.fields.officeId).toBe('不在您负责的管理处范围内');
    const b = await api('director', 'POST', '/api/buildings', {
      communityId: far.community.id,
      name: '9号楼',
    });
    expect(b.statusCode).toBe(400);
    expect(b.json().error.fields.communityId).toBe('找不到该记录');
    const r = await api('director', 'POST', '/api/rooms', { unitId: far.unit.id, number: '101' });
    expect(r.json().error.fields.unitId).toBe('找不到该记录');
    const p = await api('director', 'POST', '/api/residents', {
      name: '越界',
      rooms: [{ roomId: far.room.id, relation: 'owner' }],
    });
    expect(p.json().error.fields['rooms.0.roomId']).toBe('找不到该记录');
    // Staff of an office cannot leave a resident behind that only company-wide roles could see.
    const none = await api('director', 'POST', '/api/residents', { name: '无房' });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields.rooms).toBe('请至少关联一个房屋');
    expect((await api('manager', 'POST', '/api/residents', { name: '无房' })).statusCode).toBe(201);
  });

  it('a resident with rooms in two offices: the director sees and replaces only the rooms of their office', async () => {
    const near = await tree();
    const both = await t.make.resident({
      name: '两处房',
      rooms: [
        { roomId: near.room.id, relation: 'owner' },
        { roomId: far.room.id, relation: 'owner' },
      ],
    });
    const seen = (await api('director', 'GET', `/api/residents/${both.id}`)).json();
    expect(seen.rooms.map((r: { roomId: string }) => r.roomId)).toEqual([near.room.id]);
    const near2 = await tree();
    const patched = await api('director', 'PATCH', `/api/residents/${both.id}`, {
      version: 1,
      rooms: [{ roomId: near2.room.id, relation: 'tenant' }],
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().rooms.map((r: { roomId: string }) => r.roomId)).toEqual([near2.room.id]);
    const all = (await api('admin', 'GET', `/api/residents/${both.id}`)).json();
    expect(all.rooms.map((r: { roomId: string }) => r.roomId).sort()).toEqual(
      [near2.room.id, far.room.id].sort(),
    );
    const del = await api('director', 'DELETE', `/api/residents/${both.id}`);
    expect(del.statusCode).toBe(422);
    expect(del.json().error.details.rule).toBe('office_out_of_scope');
  });
});

describe('company isolation (TENANT-1: another company’s id is 404, lists never show its rows)', () => {
  it('every :id route answers 404 for another company’s row', async () => {
    const theirs = await tree({ officeId: other.office.id });
    const resident = await t.make.resident({ name: '外公司', rooms: [{ roomId: theirs.room.id }] });
    const routes: [string, string][] = [
      ['communities', theirs.community.id],
      ['buildings', theirs.building.id],
      ['building-units', theirs.unit.id],
      ['rooms', theirs.room.id],
      ['residents', resident.id],
    ];
    for (const [path, id] of routes) {
      const url = `/api/${path}/${id}`;
      expect((await api('admin', 'GET', url)).statusCode, `GET ${url}`).toBe(404);
      const patch = await api('admin', 'PATCH', url, { version: 1, name: '改名' });
      expect(patch.statusCode, `PATCH ${url}`).toBe(404);
      expect(patch.json().error.code).toBe('not_found');
      expect((await api('admin', 'DELETE', url)).statusCode, `DELETE ${url}`).toBe(404);
    }
    // Nothing was changed or deleted.
    expect(
      (await call(other, 'admin', 'GET', `/api/communities/${theirs.community.id}`)).json().version,
    ).toBe(1);
    expect((await call(other, 'admin', 'GET', `/api/residents/${resident.id}`)).json().name).toBe('外公司');
    // Their ids as parents or links are not found either.
    const b = await api('admin', 'POST', '/api/buildings', {
      communityId: theirs.community.id,
      name: '1号楼',
    });
    expect(b.json().error.fields.communityId).toBe('找不到该记录');
    const p = await api('admin', 'POST', '/api/residents', {
      name: '串门',
      rooms: [{ roomId: theirs.room.id, relation: 'owner' }],
    });
    expect(p.json().error.fields['rooms.0.roomId']).toBe('找不到该记录');
    const c = await api('admin', 'POST', '/api/communities', { officeId: other.office.id, name: '串门小区' });
    expect(c.json().error.fields.officeId).toBe('找不到该记录');
  });

  it('lists never include another company’s rows, even filtered by its ids', async () => {
    const theirs = await tree({ officeId: other.office.id });
    const resident = await t.make.resident({
      name: '外公司住户',
      phones: ['13900007777'],
      rooms: [{ roomId: theirs.room.id }],
    });
    const lists = [
      '/api/communities?limit=200',
      `/api/communities?officeId=${other.office.id}`,
      '/api/buildings?limit=200',
      `/api/buildings?communityId=${theirs.community.id}`,
      '/api/building-units?limit=200',
      `/api/building-units?buildingId=${theirs.building.id}`,
      '/api/rooms?limit=200',
      `/api/rooms?communityId=${theirs.community.id}`,
      '/api/residents?limit=200',
      '/api/residents?phone=13900007777',
      `/api/residents?roomId=${theirs.room.id}`,
    ];
    const theirIds = [theirs.community.id, theirs.building.id, theirs.unit.id, theirs.room.id, resident.id];
    for (const url of lists) {
      const res = await api('admin', 'GET', url);
      expect(res.statusCode, url).toBe(200);
      for (const id of ids(res)) expect(theirIds, url).not.toContain(id);
    }
    expect((await api('admin', 'GET', '/api/residents?phone=13900007777')).json().total).toBe(0);
  });
});

describe('optimistic versions (API-5: stale version → 409)', () => {
  it('a PATCH with a stale version is a 409 with the current version, on every kind of row', async () => {
    const x = await tree();
    const p = await t.make.resident({ name: '版本', rooms: [{ roomId: x.room.id }] });
    const cases: [string, Record<string, unknown>][] = [
      [`/api/communities/${x.community.id}`, { name: `${x.community.name}改` }],
      [`/api/buildings/${x.building.id}`, { name: `${x.building.name}改` }],
      [`/api/building-units/${x.unit.id}`, { name: `${x.unit.name}改` }],
      [`/api/rooms/${x.room.id}`, { status: 'vacant' }],
      [`/api/residents/${p.id}`, { name: '版本改' }],
    ];
    for (const [url, change] of cases) {
      expect((await api('director', 'PATCH', url, { version: 1, ...change })).statusCode, url).toBe(200);
      const stale = await api('director', 'PATCH', url, { version: 1, ...change });
      expect(stale.statusCode, url).toBe(409);
      expect(stale.json().error.code).toBe('version_conflict');
      expect(stale.json().error.details.currentVersion).toBe(2);
    }
  });
});

describe('deleting a parent with children is refused (REGISTER-1: in_use)', () => {
  it('community with buildings, building with units, unit with rooms → 422 in_use', async () => {
    const x = await tree();
    for (const [url, message] of [
      [`/api/communities/${x.community.id}`, '该小区下还有 1 栋楼，请先删除楼栋'],
      [`/api/buildings/${x.building.id}`, '该楼栋下还有 1 个单元，请先删除单元'],
      [`/api/building-units/${x.unit.id}`, '该单元下还有 1 个房屋，请先删除房屋'],
    ]) {
      const res = await api('director', 'DELETE', url);
      expect(res.statusCode, url).toBe(422);
      expect(res.json().error.code).toBe('rule_violation');
      expect(res.json().error.details.rule).toBe('in_use');
      expect(res.json().error.message).toBe(message);
      expect((await api('director', 'GET', url)).statusCode).toBe(200);
    }
  });
});

describe('validation (API-2: 400 validation_failed with fields)', () => {
  it('duplicate names within the parent and duplicate room numbers are field errors', async () => {
    const x = await tree({ community: '重名花园', building: '1号楼', unit: '1单元', number: '101' });
    const c = await api('admin', 'POST', '/api/communities', { officeId: s.office.id, name: '重名花园' });
    expect(c.statusCode).toBe(400);
    expect(c.json().error.fields).toEqual({ name: '同名记录已存在' });
    const b = await api('admin', 'POST', '/api/buildings', { communityId: x.community.id, name: '1号楼' });
    expect(b.json().error.fields).toEqual({ name: '同名记录已存在' });
    const u = await api('admin', 'POST', '/api/building-units', { buildingId: x.building.id, name: '1单元' });
    expect(u.json().error.fields).toEqual({ name: '同名记录已存在' });
    const r = await api('admin', 'POST', '/api/rooms', { unitId: x.unit.id, number: '101' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields).toEqual({ number: '该单元已有此房号' });
    // The same name under another parent is fine.
    const y = await tree();
    expect(
      (await api('admin', 'POST', '/api/buildings', { communityId: y.community.id, name: '1号楼' }))
        .statusCode,
    ).toBe(201);
    // Renaming onto a sibling's name is refused too.
    const sibling = await t.make.room({ unitId: x.unit.id, number: '102' });
    const rename = await api('admin', 'PATCH', `/api/rooms/${sibling.id}`, { version: 1, number: '101' });
    expect(rename.statusCode).toBe(400);
    expect(rename.json().error.fields).toEqual({ number: '该单元已有此房号' });
  });

  it('bad fields are reported each on its path', async () => {
    const { unit } = await tree();
    const r = await api('admin', 'POST', '/api/rooms', {
      unitId: unit.id,
      number: '',
      area: -1,
      status: 'foo',
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('validation_failed');
    expect(Object.keys(r.json().error.fields).sort()).toEqual(['area', 'number', 'status']);
    expect(r.json().error.fields.area).toBe('不能小于 0');

    const p = await api('admin', 'POST', '/api/residents', {
      name: '钱七',
      phones: ['13812345678', '12ab', '26881234', ''],
    });
    expect(p.statusCode).toBe(400);
    expect(p.json().error.fields).toEqual({
      'phones.1': '电话号码格式不正确',
      'phones.2': '固定电话需带区号',
      'phones.3': '必填',
    });
    const many = await api('admin', 'POST', '/api/residents', {
      name: '钱七',
      phones: ['13800000001', '13800000002', '13800000003', '13800000004', '13800000005', '13800000006'],
    });
    expect(many.json().error.fields.phones).toBe('最多填写 5 个电话号码');
    const twice = await api('admin', 'POST', '/api/residents', {
      name: '钱七',
      rooms: [
        { roomId: (await tree()).room.id, relation: 'owner' },
        { roomId: (await tree()).room.id, relation: 'boss' },
      ],
    });
    expect(twice.json().error.fields['rooms.1.relation']).toBe('取值无效');
  });

  it('a room listed twice for one resident is refused', async () => {
    const { room } = await tree();
    const res = await api('admin', 'POST', '/api/residents', {
      name: '孙八',
      rooms: [
        { roomId: room.id, relation: 'owner' },
        { roomId: room.id, relation: 'tenant' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ 'rooms.1.roomId': '同一房屋填写了两次' });
  });

  it('never a 500 on odd input', async () => {
    const x = await tree();
    const long = '5'.repeat(500);
    const badCursor = Buffer.from(JSON.stringify(['a', '-'.repeat(36)])).toString('base64url');
    const odd: [Method, string, unknown?][] = [
      ['POST', '/api/rooms', { unitId: x.unit.id, number: '1', area: -1 }],
      ['POST', '/api/rooms', { unitId: x.unit.id, number: '1', area: 'abc' }],
      ['POST', '/api/rooms', { unitId: x.unit.id, number: '1', area: 1e20 }],
      ['POST', '/api/rooms', { unitId: x.unit.id, number: '1', status: 'foo' }],
      ['POST', '/api/rooms', { unitId: x.unit.id, number: long }],
      ['POST', '/api/rooms', { unitId: 'not-a-uuid', number: '1' }],
      ['POST', '/api/rooms', { unitId: '00000000-0000-0000-0000-000000000000', number: '1' }],
      ['POST', '/api/rooms', { unitId: x.unit.id, number: 'a\u0000b' }],
      ['POST', '/api/rooms', []],
      ['POST', '/api/rooms', 'not json'],
      ['PATCH', `/api/rooms/${x.room.id}`, { version: 'x' }],
      ['PATCH', `/api/rooms/${x.room.id}`, { version: 0 }],
      ['PATCH', `/api/rooms/${x.room.id}`, { version: 2 ** 40, number: '9' }],
      ['PATCH', `/api/rooms/${x.room.id}`, { version: 1, area: '12.5' }],
      ['PATCH', '/api/rooms/abc', { version: 1 }],
      ['GET', '/api/rooms/abc'],
      ['DELETE', '/api/rooms/abc'],
      ['GET', '/api/rooms?status=foo'],
      ['GET', '/api/rooms?limit=abc'],
      ['GET', '/api/rooms?limit=100000'],
      ['GET', '/api/rooms?cursor=%%%'],
      ['GET', `/api/rooms?cursor=${badCursor}`],
      ['GET', `/api/residents?cursor=${badCursor}`],
      ['GET', '/api/rooms?q=%00'],
      ['GET', '/api/rooms?communityId=abc'],
      ['GET', `/api/residents?phone=${long}`],
      ['GET', '/api/residents?phone=%00'],
      ['POST', '/api/communities', { officeId: s.office.id, name: 'x'.repeat(500) }],
      ['POST', '/api/communities', { officeId: s.office.id, name: '   ' }],
      ['POST', '/api/buildings', { communityId: x.community.id, name: null }],
      ['POST', '/api/residents', { name: '周九', phones: 'not-an-array' }],
      ['POST', '/api/residents', { name: '周九', phones: [13812345678] }],
      ['POST', '/api/residents', { name: '周九', phones: ['x'.repeat(500)] }],
      ['POST', '/api/residents', { name: '周九', rooms: [{ roomId: 'abc', relation: 'owner' }] }],
      ['PATCH', `/api/residents/${x.room.id}`, { version: 1, name: '不存在' }],
    ];
    for (const [method, url, payload] of odd) {
      const res = await api('admin', method, url, payload);
      const label = `${method} ${url} ${JSON.stringify(payload)?.slice(0, 60)}`;
      expect(res.statusCode, label).toBeLessThan(500);
      expect(res.statusCode, label).toBeGreaterThanOrEqual(400);
      expect(res.json().error.code, label).toBeTruthy();
    }
    // A NUL byte and a forged cursor are named on their field, not left to the database to reject.
    const nul = await api('admin', 'POST', '/api/rooms', { unitId: x.unit.id, number: 'a\u0000b' });
    expect(nul.json().error.fields).toEqual({ number: '格式不正确' });
    expect((await api('admin', 'GET', '/api/rooms?q=%00')).json().error.fields).toEqual({
      'querystring.q': '格式不正确',
    });
    expect((await api('admin', 'GET', `/api/rooms?cursor=${badCursor}`)).json().error.fields).toEqual({
      'querystring.cursor': '格式不正确',
    });
    // LIKE wildcards in a search are plain characters.
    const wild = await api('admin', 'GET', `/api/rooms?q=${encodeURIComponent('%_\\')}`);
    expect(wild.statusCode).toBe(200);
    expect(wild.json().total).toBe(0);
  });
});

describe('room order, search and keyset pagination (API-4)', () => {
  it('orders rooms naturally by building, unit and number, and pages through them without gaps', async () => {
    const community = await t.make.community({ officeId: s.office.id, name: '排序花园' });
    const labels: string[] = [];
    for (const bName of ['10号楼', '2号楼'])
      for (const uName of ['2单元', '1单元']) {
        const building =
          (await api('admin', 'GET', `/api/buildings?communityId=${community.id}`))
            .json()
            .items.find((b: { name: string }) => b.name === bName) ??
          (await t.make.building({ communityId: community.id, name: bName }));
        const unit = await t.make.unit({ buildingId: building.id, name: uName });
        for (const n of ['1001', '501', '502']) {
          await t.make.room({ unitId: unit.id, number: n });
          labels.push(`排序花园 ${bName}${uName}${n}`);
        }
      }
    const natural = (l: string) => l.replace(/\d+/g, (d) => d.padStart(6, '0'));
    const expected = [...labels].sort((a, b) => (natural(a) < natural(b) ? -1 : 1));
    expect(expected[0]).toBe('排序花园 2号楼1单元501');

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await api(
        'director',
        'GET',
        `/api/rooms?communityId=${community.id}&limit=5${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.total).toBe(12);
      expect(body.totalCapped).toBe(false);
      seen.push(...body.items.map((r: { label: string }) => r.label));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(expected);

    const q = await api('agent', 'GET', `/api/rooms?q=${encodeURIComponent('2号楼2单元1001')}`);
    expect(q.json().items.map((r: { label: string }) => r.label)).toEqual(['排序花园 2号楼2单元1001']);
    const q2 = await api('agent', 'GET', `/api/rooms?q=${encodeURIComponent('排序花园 10号楼')}&limit=200`);
    expect(q2.json().total).toBe(6);
    const vacant = await api('agent', 'GET', `/api/rooms?communityId=${community.id}&status=vacant`);
    expect(vacant.json().total).toBe(0);

    const buildings = await api('agent', 'GET', `/api/buildings?communityId=${community.id}`);
    expect(buildings.json().items.map((b: { name: string }) => b.name)).toEqual(['2号楼', '10号楼']);
  });

  it('pages through communities and residents with a cursor', async () => {
    const office = await t.make.office({ companyId: s.company.id });
    for (let i = 0; i < 5; i++) await t.make.community({ officeId: office.id, name: `翻页小区${i}` });
    const first = (await api('admin', 'GET', `/api/communities?officeId=${office.id}&limit=2`)).json();
    expect(first.total).toBe(5);
    const second = (
      await api('admin', 'GET', `/api/communities?officeId=${office.id}&limit=2&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items.map((c: { name: string }) => c.name)).toEqual(['翻页小区2', '翻页小区3']);

    const { room } = await tree();
    for (const name of ['甲', '乙', '丙']) await t.make.resident({ name, rooms: [{ roomId: room.id }] });
    const r1 = (await api('agent', 'GET', `/api/residents?roomId=${room.id}&limit=2`)).json();
    const r2 = (
      await api('agent', 'GET', `/api/residents?roomId=${room.id}&limit=2&cursor=${r1.nextCursor}`)
    ).json();
    expect([...r1.items, ...r2.items].map((p: { name: string }) => p.name).sort()).toEqual(
      ['丙', '乙', '甲'].sort(),
    );
    expect(r2.nextCursor).toBeNull();
  });
});
