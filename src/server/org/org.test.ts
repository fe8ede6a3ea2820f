import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';

let t: TestApp;
let s: SeededCompany;
/** another company in the same database, with one row of every kind */
let other: {
  companyId: string;
  officeId: string;
  departmentId: string;
  partnerUnitId: string;
  userId: string;
};

beforeAll(async () => {
  t = await createTestApp();
  s = await t.seedCompany();
  const company = await t.make.company({ name: '别家物业有限公司' });
  const office = await t.make.office({ companyId: company.id, name: '别家第一管理处' });
  const dept = await t.make.department({ companyId: company.id, name: '别家客服部' });
  const unit = await t.make.partnerUnit({ companyId: company.id, name: '别家自来水公司' });
  const user = await t.make.user({ companyId: company.id, roles: ['admin'] });
  other = {
    companyId: company.id,
    officeId: office.id,
    departmentId: dept.id,
    partnerUnitId: unit.id,
    userId: user.id,
  };
});
afterAll(() => t.close());

const admin = () => s.as('admin');

describe('company (ORG-1)', () => {
  it('GET /api/company returns the actor’s company; PATCH changes name, short name and a canonical IANA zone', async () => {
    const got = await s.as('agent')({ method: 'GET', url: '/api/company' });
    expect(got.statusCode).toBe(200);
    const c = got.json();
    expect(c).toMatchObject({ id: s.company.id, name: s.company.name, timeZone: 'Asia/Shanghai' });
    expect(typeof c.shortName).toBe('string');

    const res = await admin()({
      method: 'PATCH',
      url: '/api/company',
      payload: {
        version: c.version,
        name: '回音物业服务有限公司',
        shortName: '回音',
        timeZone: 'asia/urumqi',
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: s.company.id,
      name: '回音物业服务有限公司',
      shortName: '回音',
      timeZone: 'Asia/Urumqi',
      version: c.version + 1,
    });
    // the phone greeting reads the short name from the same row
    const me = await s.as('agent')({ method: 'GET', url: '/api/auth/me' });
    expect(me.json().user.companyShortName).toBe('回音');
  });

  it('a stale version is refused with 409 version_conflict and the current version', async () => {
    const { version } = (await admin()({ method: 'GET', url: '/api/company' })).json();
    const res = await admin()({
      method: 'PATCH',
      url: '/api/company',
      payload: { version: version - 1 || version + 5, name: '过期的修改' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'version_conflict',
      details: { currentVersion: version },
    });
    expect((await admin()({ method: 'GET', url: '/api/company' })).json().name).not.toBe('过期的修改');
  });

  it('a time zone that is not an IANA name is 400 with fields.timeZone, in en-US when asked', async () => {
    const { version } = (await admin()({ method: 'GET', url: '/api/company' })).json();
    for (const timeZone of ['Mars/Olympus', '+08:00', 'GMT+8 北京']) {
      const res = await admin()({
        method: 'PATCH',
        url: '/api/company',
        headers: { 'accept-language': 'en-US' },
        payload: { version, timeZone },
      });
      expect(res.statusCode, timeZone).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(res.json().error.fields.timeZone).toBe('Not a valid time zone: choose one from the list');
    }
  });

  it('only company.manage may change the company (manager → 403)', async () => {
    const { version } = (await admin()({ method: 'GET', url: '/api/company' })).json();
    const res = await s.as('manager')({
      method: 'PATCH',
      url: '/api/company',
      payload: { version, name: 'x' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
  });
});

describe('offices 管理处 (ORG-1)', () => {
  it('CRUD: create with a director, read with director {id,name} and counts, list with q, patch, delete', async () => {
    const created = await admin()({
      method: 'POST',
      url: '/api/offices',
      payload: {
        name: '翠苑管理处',
        address: '杭州市西湖区翠苑路 1 号',
        phone: '0571-8888 6666',
        directorId: s.users.director.id,
      },
    });
    expect(created.statusCode).toBe(201);
    const office = created.json();
    expect(office).toMatchObject({
      name: '翠苑管理处',
      address: '杭州市西湖区翠苑路 1 号',
      phone: '0571-8888 6666',
      director: { id: s.users.director.id },
      counts: { communities: 0, departments: 0, users: 0 },
      version: 1,
    });
    expect(typeof office.director.name).toBe('string');

    const got = await admin()({ method: 'GET', url: `/api/offices/${office.id}` });
    expect(got.json()).toEqual(office);

    const list = await admin()({ method: 'GET', url: `/api/offices?q=${encodeURIComponent('翠苑')}` });
    expect(list.json().items.map((o: { id: string }) => o.id)).toEqual([office.id]);
    expect(list.json()).toMatchObject({ total: 1, totalCapped: false, nextCursor: null });

    const patched = await admin()({
      method: 'PATCH',
      url: `/api/offices/${office.id}`,
      payload: { version: 1, name: '翠苑一区管理处', phone: null, directorId: null },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      name: '翠苑一区管理处',
      address: '杭州市西湖区翠苑路 1 号',
      phone: null,
      director: null,
      version: 2,
    });

    const del = await admin()({ method: 'DELETE', url: `/api/offices/${office.id}` });
    expect(del.statusCode).toBe(200);
    expect(del.json()).toEqual({ ok: true });
    expect((await admin()({ method: 'GET', url: `/api/offices/${office.id}` })).statusCode).toBe(404);
  });

  it('lists page by name with a cursor', async () => {
    for (const n of ['甲', '乙', '丙'])
      await t.make.office({ companyId: s.company.id, name: `分页${n}管理处` });
    const first = await admin()({
      method: 'GET',
      url: `/api/offices?limit=2&q=${encodeURIComponent('分页')}`,
    });
    expect(first.json().items).toHaveLength(2);
    expect(first.json().total).toBe(3);
    const second = await admin()({
      method: 'GET',
      url: `/api/offices?limit=2&q=${encodeURIComponent('分页')}&cursor=${first.json().nextCursor}`,
    });
    expect(second.json().items).toHaveLength(1);
    expect(second.json().nextCursor).toBeNull();
    const names = [...first.json().items, ...second.json().items].map((o: { name: string }) => o.name);
    expect(new Set(names).size).toBe(3);
  });

  it('a duplicate name in the company is 400 fields.name, also when it is a PATCH', async () => {
    await t.make.office({ companyId: s.company.id, name: '重名管理处' });
    const res = await admin()({ method: 'POST', url: '/api/offices', payload: { name: '重名管理处' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ name: '同名记录已存在' });

    const b = await t.make.office({ companyId: s.company.id, name: '另一个管理处' });
    const patch = await admin()({
      method: 'PATCH',
      url: `/api/offices/${b.id}`,
      payload: { version: b.version, name: '重名管理处' },
    });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().error.fields.name).toBe('同名记录已存在');
  });

  it('concurrent creates with one name: exactly one succeeds, the others are 400 duplicate (never a 500)', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        admin()({ method: 'POST', url: '/api/offices', payload: { name: '并发管理处' } }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 400, 400, 400, 400]);
    for (const r of results.filter((x) => x.statusCode === 400))
      expect(r.json().error.fields.name).toBe('同名记录已存在');
  });

  it('a stale version is 409 version_conflict', async () => {
    const o = await t.make.office({ companyId: s.company.id });
    const ok = await admin()({
      method: 'PATCH',
      url: `/api/offices/${o.id}`,
      payload: { version: 1, address: '新地址' },
    });
    expect(ok.statusCode).toBe(200);
    const stale = await admin()({
      method: 'PATCH',
      url: `/api/offices/${o.id}`,
      payload: { version: 1, address: '旧' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details).toEqual({ currentVersion: 2 });
  });

  it('a director must be an active employee of the company; a bad phone is 400 fields.phone', async () => {
    const foreign = await admin()({
      method: 'POST',
      url: '/api/offices',
      payload: { name: '主任校验管理处', directorId: other.userId },
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields).toHaveProperty('directorId');
    const phone = await admin()({
      method: 'POST',
      url: '/api/offices',
      payload: { name: '电话校验管理处', phone: '88886666' },
    });
    expect(phone.statusCode).toBe(400);
    expect(phone.json().error.fields.phone).toBe('固定电话需带区号');
  });

  it('scope: a director of office 1 sees only office 1 in the list, and GET of office 2 is 404', async () => {
    const list = await s.as('director')({ method: 'GET', url: '/api/offices?limit=200' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((o: { id: string }) => o.id)).toEqual([s.office.id]);
    expect(list.json().total).toBe(1);
    expect((await s.as('director')({ method: 'GET', url: `/api/offices/${s.office.id}` })).statusCode).toBe(
      200,
    );
    const hidden = await s.as('director')({ method: 'GET', url: `/api/offices/${s.otherOffice.id}` });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('not_found');
    // company-wide roles see both
    const all = await s.as('manager')({ method: 'GET', url: '/api/offices?limit=200' });
    const ids = all.json().items.map((o: { id: string }) => o.id);
    expect(ids).toEqual(expect.arrayContaining([s.office.id, s.otherOffice.id]));
  });

  it('DELETE refuses with 422 in_use while communities, departments or staff belong to the office', async () => {
    const o = await t.make.office({ companyId: s.company.id, name: '待删管理处' });
    const community = await t.make.community({ officeId: o.id });
    const dept = await t.make.department({ companyId: s.company.id, officeId: o.id });
    const user = await t.make.user({ companyId: s.company.id, officeIds: [o.id] });

    const del = () => admin()({ method: 'DELETE', url: `/api/offices/${o.id}` });
    const refused = await del();
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'rule_violation',
      message: '该管理处下还有 1 个小区、1 个部门、1 名员工，请先移走后再删除',
      details: { rule: 'in_use', communities: 1, departments: 1, users: 1 },
    });

    await t.database.pool.query('delete from communities where id = $1', [community.id]);
    expect((await del()).statusCode).toBe(422);
    await t.database.pool.query('delete from departments where id = $1', [dept.id]);
    expect((await del()).json().error.details).toMatchObject({ rule: 'in_use', users: 1 });
    await t.database.pool.query('delete from user_offices where user_id = $1', [user.id]);
    expect((await del()).statusCode).toBe(200);
  });
});

describe('departments 部门 (ORG-1)', () => {
  it('CRUD: company and office departments with head {id,name}, office {id,name} and memberCount', async () => {
    const company = await admin()({
      method: 'POST',
      url: '/api/departments',
      payload: { name: '品质管理部', function: 'quality', headId: s.users.manager.id },
    });
    expect(company.statusCode).toBe(201);
    expect(company.json()).toMatchObject({
      name: '品质管理部',
      function: 'quality',
      office: null,
      head: { id: s.users.manager.id },
      memberCount: 0,
      version: 1,
    });

    const team = await admin()({
      method: 'POST',
      url: '/api/departments',
      payload: { name: '工程维修组', officeId: s.office.id, function: 'engineering' },
    });
    expect(team.statusCode).toBe(201);
    const d = team.json();
    expect(d.office.id).toBe(s.office.id);
    expect(typeof d.office.name).toBe('string');
    expect(d.head).toBeNull();

    await t.make.user({ companyId: s.company.id, departmentId: d.id, officeIds: [s.office.id] });
    const got = await admin()({ method: 'GET', url: `/api/departments/${d.id}` });
    expect(got.json().memberCount).toBe(1);

    const byOffice = await admin()({ method: 'GET', url: `/api/departments?officeId=${s.office.id}` });
    expect(byOffice.json().items.map((x: { id: string }) => x.id)).toContain(d.id);
    expect(byOffice.json().items.map((x: { id: string }) => x.id)).not.toContain(company.json().id);
    const byFunction = await admin()({
      method: 'GET',
      url: '/api/departments?function=quality&function=finance',
    });
    expect(byFunction.json().items.map((x: { id: string }) => x.id)).toEqual([company.json().id]);

    const patched = await admin()({
      method: 'PATCH',
      url: `/api/departments/${d.id}`,
      payload: { version: 1, name: '工程部维修组', headId: s.users.technician.id, function: 'other' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      name: '工程部维修组',
      function: 'other',
      head: { id: s.users.technician.id },
      office: { id: s.office.id },
      version: 2,
    });
    const stale = await admin()({
      method: 'PATCH',
      url: `/api/departments/${d.id}`,
      payload: { version: 1, name: '过期' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details).toEqual({ currentVersion: 2 });

    const del = await admin()({ method: 'DELETE', url: `/api/departments/${company.json().id}` });
    expect(del.statusCode).toBe(200);
    expect((await admin()({ method: 'GET', url: `/api/departments/${company.json().id}` })).statusCode).toBe(
      404,
    );
  });

  it('the head must be a user of the same company (fields.headId), the office one of its offices (fields.officeId)', async () => {
    const head = await admin()({
      method: 'POST',
      url: '/api/departments',
      payload: { name: '别家负责人部', function: 'other', headId: other.userId },
    });
    expect(head.statusCode).toBe(400);
    expect(head.json().error.fields).toEqual({ headId: '负责人必须是本公司员工' });

    const office = await admin()({
      method: 'POST',
      url: '/api/departments',
      payload: { name: '别家管理处部', function: 'other', officeId: other.officeId },
    });
    expect(office.statusCode).toBe(400);
    expect(office.json().error.fields).toEqual({ officeId: '找不到该记录' });

    const d = await t.make.department({ companyId: s.company.id });
    const patch = await admin()({
      method: 'PATCH',
      url: `/api/departments/${d.id}`,
      payload: { version: d.version, headId: other.userId },
    });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().error.fields).toHaveProperty('headId');
  });

  it('names are unique per office: the same name in another office or at company level is allowed', async () => {
    const post = (payload: object) => admin()({ method: 'POST', url: '/api/departments', payload });
    expect(
      (await post({ name: '客服中心', officeId: s.office.id, function: 'customer_service' })).statusCode,
    ).toBe(201);
    const dup = await post({ name: '客服中心', officeId: s.office.id, function: 'customer_service' });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.fields.name).toBe('同名记录已存在');
    expect(
      (await post({ name: '客服中心', officeId: s.otherOffice.id, function: 'customer_service' })).statusCode,
    ).toBe(201);
    expect((await post({ name: '客服中心', function: 'customer_service' })).statusCode).toBe(201);
    expect((await post({ name: '客服中心', officeId: null, function: 'customer_service' })).statusCode).toBe(
      400,
    );
  });

  it('scope: a director of office 1 sees company departments and office 1’s, never office 2’s (GET → 404)', async () => {
    const companyDept = await t.make.department({ companyId: s.company.id, name: '范围-客服部' });
    const mine = await t.make.department({
      companyId: s.company.id,
      officeId: s.office.id,
      name: '范围-保安队',
    });
    const theirs = await t.make.department({
      companyId: s.company.id,
      officeId: s.otherOffice.id,
      name: '范围-保洁组',
    });
    const list = await s.as('director')({
      method: 'GET',
      url: `/api/departments?q=${encodeURIComponent('范围-')}`,
    });
    expect(
      list
        .json()
        .items.map((d: { id: string }) => d.id)
        .sort(),
    ).toEqual([companyDept.id, mine.id].sort());
    expect(list.json().total).toBe(2);
    const filtered = await s.as('director')({
      method: 'GET',
      url: `/api/departments?officeId=${s.otherOffice.id}`,
    });
    expect(filtered.json().items).toEqual([]);
    expect((await s.as('director')({ method: 'GET', url: `/api/departments/${mine.id}` })).statusCode).toBe(
      200,
    );
    expect((await s.as('director')({ method: 'GET', url: `/api/departments/${theirs.id}` })).statusCode).toBe(
      404,
    );
    // the manager sees the whole company
    expect((await s.as('manager')({ method: 'GET', url: `/api/departments/${theirs.id}` })).statusCode).toBe(
      200,
    );
  });

  it('DELETE refuses with 422 in_use while a user belongs to the department', async () => {
    const d = await t.make.department({ companyId: s.company.id, name: '有人部门' });
    const u = await t.make.user({ companyId: s.company.id, departmentId: d.id });
    const refused = await admin()({
      method: 'DELETE',
      url: `/api/departments/${d.id}`,
      headers: { 'accept-language': 'en-US' },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'rule_violation',
      message: 'This department still has 1 staff; move them to another department first',
      details: { rule: 'in_use', users: 1 },
    });
    await t.database.pool.query('update users set department_id = null where id = $1', [u.id]);
    expect((await admin()({ method: 'DELETE', url: `/api/departments/${d.id}` })).statusCode).toBe(200);
  });
});

describe('partner units 兄弟单位 / 外单位 (ORG-1)', () => {
  it('CRUD with the phone stored as written; lists filter by relation (any of), service and q', async () => {
    const created = await admin()({
      method: 'POST',
      url: '/api/partner-units',
      payload: {
        relation: 'sister',
        service: 'water',
        name: '集团自来水公司',
        contactPerson: '王工',
        phone: '0571-8765 4321 转 802',
        address: '杭州市上城区',
      },
    });
    expect(created.statusCode).toBe(201);
    const u = created.json();
    expect(u).toMatchObject({
      relation: 'sister',
      service: 'water',
      name: '集团自来水公司',
      contactPerson: '王工',
      phone: '0571-8765 4321 转 802',
      address: '杭州市上城区',
      version: 1,
    });
    await admin()({
      method: 'POST',
      url: '/api/partner-units',
      payload: { relation: 'external', service: 'power', name: '国网供电营业厅', phone: '95598' },
    });
    await admin()({
      method: 'POST',
      url: '/api/partner-units',
      payload: { relation: 'external', service: 'telecom', name: '电信营业厅' },
    });

    const names = async (qs: string) =>
      (await s.as('agent')({ method: 'GET', url: `/api/partner-units?${qs}` }))
        .json()
        .items.map((x: { name: string }) => x.name)
        .sort();
    expect(await names('relation=sister')).toEqual(['集团自来水公司']);
    expect(await names('relation=external&service=power')).toEqual(['国网供电营业厅']);
    expect(await names('relation=sister&relation=external')).toHaveLength(3);
    expect(await names('service=power&service=telecom')).toEqual(['国网供电营业厅', '电信营业厅'].sort());
    expect(await names(`q=${encodeURIComponent('王工')}`)).toEqual(['集团自来水公司']);

    expect((await admin()({ method: 'GET', url: `/api/partner-units/${u.id}` })).json()).toEqual(u);
    const patched = await admin()({
      method: 'PATCH',
      url: `/api/partner-units/${u.id}`,
      payload: { version: 1, relation: 'external', contactPerson: '', phone: '13800138000' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      relation: 'external',
      contactPerson: null,
      phone: '13800138000',
      version: 2,
    });
    const stale = await admin()({
      method: 'PATCH',
      url: `/api/partner-units/${u.id}`,
      payload: { version: 1, name: '过期' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');

    expect((await admin()({ method: 'DELETE', url: `/api/partner-units/${u.id}` })).statusCode).toBe(200);
    expect((await admin()({ method: 'GET', url: `/api/partner-units/${u.id}` })).statusCode).toBe(404);
  });

  it('a phone parsePhone refuses is 400 fields.phone; a duplicate name is 400 fields.name', async () => {
    const bad = await admin()({
      method: 'POST',
      url: '/api/partner-units',
      headers: { 'accept-language': 'en-US' },
      payload: { relation: 'external', service: 'gas', name: '燃气公司', phone: '12-34-abc' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({ phone: 'Not a valid phone number' });

    await t.make.partnerUnit({ companyId: s.company.id, name: '市政热线' });
    const dup = await admin()({
      method: 'POST',
      url: '/api/partner-units',
      payload: { relation: 'external', service: 'municipal', name: '市政热线' },
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.fields).toEqual({ name: '同名记录已存在' });
  });
});

describe('permissions: reading is org.read, writing is org.manage (ACCESS-1)', () => {
  it('non-admin roles writing the register get 403 forbidden', async () => {
    const o = await t.make.office({ companyId: s.company.id });
    const d = await t.make.department({ companyId: s.company.id, officeId: s.office.id });
    const p = await t.make.partnerUnit({ companyId: s.company.id });
    const writes = [
      { method: 'POST' as const, url: '/api/offices', payload: { name: '越权管理处' } },
      { method: 'PATCH' as const, url: `/api/offices/${o.id}`, payload: { version: 1, name: '改名' } },
      { method: 'DELETE' as const, url: `/api/offices/${o.id}` },
      { method: 'POST' as const, url: '/api/departments', payload: { name: '越权部', function: 'other' } },
      { method: 'PATCH' as const, url: `/api/departments/${d.id}`, payload: { version: 1, name: '改名' } },
      { method: 'DELETE' as const, url: `/api/departments/${d.id}` },
      {
        method: 'POST' as const,
        url: '/api/partner-units',
        payload: { relation: 'external', service: 'other', name: '越权单位' },
      },
      { method: 'PATCH' as const, url: `/api/partner-units/${p.id}`, payload: { version: 1, name: '改名' } },
      { method: 'DELETE' as const, url: `/api/partner-units/${p.id}` },
    ];
    for (const role of ['manager', 'director', 'agent', 'auditor'] as const)
      for (const w of writes) {
        const res = await s.as(role)(w);
        expect(res.statusCode, `${role} ${w.method} ${w.url}`).toBe(403);
        expect(res.json().error.code).toBe('forbidden');
      }
    // nothing changed
    expect((await admin()({ method: 'GET', url: `/api/offices/${o.id}` })).json().version).toBe(1);
    expect((await admin()({ method: 'GET', url: `/api/partner-units/${p.id}` })).statusCode).toBe(200);
  });

  it('without a session every register route is 401', async () => {
    for (const url of ['/api/company', '/api/offices', '/api/departments', '/api/partner-units'])
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
  });
});

describe('two companies never see each other (TENANT-1)', () => {
  it('another company’s ids are 404 on every :id route (GET, PATCH, DELETE), and stay untouched', async () => {
    const routes = [
      `/api/offices/${other.officeId}`,
      `/api/departments/${other.departmentId}`,
      `/api/partner-units/${other.partnerUnitId}`,
    ];
    for (const url of routes) {
      for (const req of [
        { method: 'GET' as const, url },
        { method: 'PATCH' as const, url, payload: { version: 1, name: '入侵' } },
        { method: 'DELETE' as const, url },
      ]) {
        const res = await admin()(req);
        expect(res.statusCode, `${req.method} ${url}`).toBe(404);
        expect(res.json().error.code).toBe('not_found');
      }
    }
    const { rows } = await t.database.pool.query(
      `select (select name from offices where id = $1) as o, (select name from departments where id = $2) as d,
        (select name from partner_units where id = $3) as p`,
      [other.officeId, other.departmentId, other.partnerUnitId],
    );
    expect(rows[0]).toEqual({ o: '别家第一管理处', d: '别家客服部', p: '别家自来水公司' });
  });

  it('lists never include another company’s rows, even when searched for by name', async () => {
    for (const [url, name] of [
      ['/api/offices', '别家第一管理处'],
      ['/api/departments', '别家客服部'],
      ['/api/partner-units', '别家自来水公司'],
    ]) {
      const all = await admin()({ method: 'GET', url: `${url}?limit=200` });
      expect(all.statusCode).toBe(200);
      expect(all.json().items.map((x: { name: string }) => x.name)).not.toContain(name);
      const searched = await admin()({ method: 'GET', url: `${url}?q=${encodeURIComponent('别家')}` });
      expect(searched.json()).toMatchObject({ items: [], total: 0 });
    }
    // and the other company's admin sees its own rows, not ours
    const theirs = await t.app.inject({
      method: 'GET',
      url: '/api/offices',
      headers: { cookie: await t.login((await userName(other.userId))!) },
    });
    expect(theirs.json().items.map((o: { id: string }) => o.id)).toEqual([other.officeId]);
  });
});

describe('validation: shapes the schema can check are 400 with fields (API-2)', () => {
  it('wrong types and enums name each field, in the requested language', async () => {
    const dept = await admin()({
      method: 'POST',
      url: '/api/departments',
      headers: { 'accept-language': 'en-US' },
      payload: { name: 42, function: 'plumbing', officeId: 'not-a-uuid' },
    });
    expect(dept.statusCode).toBe(400);
    expect(dept.json().error).toMatchObject({
      code: 'validation_failed',
      message: 'Some fields are not valid; please check the marked fields',
      fields: { name: 'Wrong type', function: 'Not an allowed value', officeId: 'Not a valid id' },
    });

    const unit = await admin()({
      method: 'POST',
      url: '/api/partner-units',
      payload: { relation: 'friend', service: 'water', name: '' },
    });
    expect(unit.statusCode).toBe(400);
    expect(unit.json().error.fields).toEqual({ relation: '取值无效', name: '必填' });

    const office = await admin()({
      method: 'PATCH',
      url: `/api/offices/${s.office.id}`,
      payload: { version: '1', name: '无效版本' },
    });
    expect(office.statusCode).toBe(400);
    expect(office.json().error.fields).toHaveProperty('version');

    const missing = await admin()({
      method: 'PATCH',
      url: `/api/offices/${s.office.id}`,
      payload: { name: 'x' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toHaveProperty('version');

    const query = await admin()({ method: 'GET', url: '/api/partner-units?relation=friend' });
    expect(query.statusCode).toBe(400);
    expect(query.json().error.fields).toHaveProperty(['querystring.relation']);

    const badId = await admin()({ method: 'GET', url: '/api/departments/123' });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.fields).toHaveProperty(['params.id']);

    const badCursor = await admin()({ method: 'GET', url: '/api/offices?cursor=garbage' });
    expect(badCursor.statusCode).toBe(400);
  });

  it('the register appears in the OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of ['/api/company', '/api/offices/{id}', '/api/departments', '/api/partner-units/{id}'])
      expect(paths).toContain(p);
  });
});

async function userName(id: string) {
  const { rows } = await t.database.pool.query<{ username: string }>(
    'select username from users where id = $1',
    [id],
  );
  return rows[0]?.username;
}
