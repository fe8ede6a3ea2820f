/**
 * The organisation register (ORG-1): the company, offices, departments and partner units. Reads honour
 * the actor's office scope; writes run in one transaction on a locked row, carry `version`, and refuse to
 * delete what is still referenced.
 */
import { canManageInOffice, canSeeOffice, officeScope, seesWholeCompany } from '../../domain/access/access';
import { DomainError, fieldError, forbidden, notFound, versionConflict } from '../../domain/errors';
import { parsePhone } from '../../domain/property/phone';
import {
  canonicalTimeZone,
  type CreateDepartmentBody,
  type CreateOfficeBody,
  type CreatePartnerUnitBody,
  type DepartmentListQuery,
  type OfficeListQuery,
  type PartnerUnitListQuery,
  type UpdateCompanyBody,
  type UpdateDepartmentBody,
  type UpdateOfficeBody,
  type UpdatePartnerUnitBody,
} from '../../contracts/org';
import type { AppDeps } from '../platform/deps';
import type { Tx } from '../db/client';
import type { RequestActor } from '../http/types';
import * as repo from './org.repository';
import { uniqueAsFieldError } from '../db/pg-errors';

const asArray = <T>(v: T | T[] | undefined): T[] | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? v : [v];

/** '' and null both clear an optional text column; undefined leaves it alone. */
const blankToNull = (v: string | null | undefined) => (v === undefined ? undefined : v || null);

function checkPhone(phone: string | null | undefined) {
  if (!phone) return;
  const parsed = parsePhone(phone);
  if (!parsed.ok)
    throw fieldError({
      phone:
        parsed.reason === 'area_code_required' ? 'field.phone_area_code_required' : 'field.phone_invalid',
    });
}

/**
 * The on-call phone as stored (MSG-6): a mainland mobile's canonical 11 digits, since it receives SMS; null clears
 * it, undefined leaves it.
 */
function onCallPhoneOf(phone: string | null | undefined): string | null | undefined {
  if (phone === undefined) return undefined;
  if (phone === null || phone === '') return null;
  const parsed = parsePhone(phone);
  if (!parsed.ok || parsed.kind !== 'mobile' || parsed.extension)
    throw fieldError({ onCallPhone: 'field.on_call_phone_mobile' });
  return parsed.canonical;
}

/** A head (department) or director (office) must be an active employee of the actor's company. */
async function checkHead(db: Tx, companyId: string, field: 'headId' | 'directorId', userId?: string | null) {
  if (userId && !(await repo.isActiveEmployee(db, companyId, userId)))
    throw fieldError({ [field]: 'rule.head_not_member' });
}

const DELETED = { ok: true as const };

const DUPLICATE_NAME = { name: 'rule.duplicate_name' };
const duplicateName = () => fieldError(DUPLICATE_NAME);
/** Two writers racing past the duplicate-name check meet the unique index: report it as the check would. */
const mapUniqueViolation = <T>(work: () => Promise<T>) => uniqueAsFieldError(work, DUPLICATE_NAME);

export function orgService({ db, clock }: AppDeps) {
  return {
    // ------------------------------------------------------------------------------------------ company
    async getCompany(actor: RequestActor) {
      const row = await repo.getCompany(db, actor.companyId);
      if (!row) throw notFound();
      return repo.toCompany(row);
    },

    async updateCompany(actor: RequestActor, body: UpdateCompanyBody) {
      return db.transaction(async (tx) => {
        const current = await repo.lockCompany(tx, actor.companyId);
        if (!current) throw notFound();
        if (current.version !== body.version) throw versionConflict(current.version);
        const row = await repo.updateCompany(tx, actor.companyId, {
          name: body.name,
          shortName: body.shortName,
          timeZone: body.timeZone === undefined ? undefined : canonicalTimeZone(body.timeZone)!,
          updatedAt: clock.now(),
        });
        return repo.toCompany(row);
      });
    },

    // ------------------------------------------------------------------------------------------ offices
    listOffices: (actor: RequestActor, q: OfficeListQuery) =>
      repo.listOffices(db, actor.companyId, { ...q, scope: officeScope(actor) }),

    async getOffice(actor: RequestActor, id: string) {
      const office = await repo.getOffice(db, actor.companyId, id);
      if (!office || !canSeeOffice(actor, office.id)) throw notFound();
      return office;
    },

    async createOffice(actor: RequestActor, body: CreateOfficeBody) {
      // A new office belongs to nobody's scope yet: only company-wide roles may open one.
      if (!seesWholeCompany(actor)) throw forbidden();
      checkPhone(body.phone);
      return mapUniqueViolation(() =>
        db.transaction(async (tx) => {
          await checkHead(tx, actor.companyId, 'directorId', body.directorId);
          if (await repo.officeNameTaken(tx, actor.companyId, body.name)) throw duplicateName();
          const id = await repo.insertOffice(tx, {
            companyId: actor.companyId,
            name: body.name,
            address: body.address || null,
            phone: body.phone || null,
            directorId: body.directorId ?? null,
          });
          return (await repo.getOffice(tx, actor.companyId, id))!;
        }),
      );
    },

    async updateOffice(actor: RequestActor, id: string, body: UpdateOfficeBody) {
      checkPhone(body.phone);
      const onCallPhone = onCallPhoneOf(body.onCallPhone);
      return mapUniqueViolation(() =>
        db.transaction(async (tx) => {
          const current = await repo.lockOffice(tx, actor.companyId, id);
          if (!current || !canManageInOffice(actor, current.id)) throw notFound();
          if (current.version !== body.version) throw versionConflict(current.version);
          if (body.directorId !== current.directorId)
            await checkHead(tx, actor.companyId, 'directorId', body.directorId);
          if (
            body.name !== undefined &&
            body.name !== current.name &&
            (await repo.officeNameTaken(tx, actor.companyId, body.name, id))
          )
            throw duplicateName();
          await repo.updateOffice(tx, id, {
            name: body.name,
            address: blankToNull(body.address),
            phone: blankToNull(body.phone),
            directorId: body.directorId,
            deskOpens: body.deskHours?.opens,
            deskCloses: body.deskHours?.closes,
            onCallPhone,
            updatedAt: clock.now(),
          });
          return (await repo.getOffice(tx, actor.companyId, id))!;
        }),
      );
    },

    async deleteOffice(actor: RequestActor, id: string) {
      return db.transaction(async (tx) => {
        // The lock makes a concurrent new community, department or membership wait, then fail its foreign key.
        const current = await repo.lockOffice(tx, actor.companyId, id);
        if (!current || !canManageInOffice(actor, current.id)) throw notFound();
        const refs = await repo.officeReferences(tx, id);
        if (refs.communities || refs.departments || refs.users)
          throw new DomainError('rule_violation', 'rule.office_in_use', refs, { rule: 'in_use', ...refs });
        await repo.deleteOffice(tx, id);
        return DELETED;
      });
    },

    // -------------------------------------------------------------------------------------- departments
    listDepartments: (actor: RequestActor, q: DepartmentListQuery) =>
      repo.listDepartments(db, actor.companyId, {
        limit: q.limit,
        cursor: q.cursor,
        q: q.q,
        officeId: q.officeId,
        functions: asArray(q.function),
        scope: officeScope(actor),
      }),

    async getDepartment(actor: RequestActor, id: string) {
      const dept = await repo.getDepartment(db, actor.companyId, id);
      if (!dept || !canSeeOffice(actor, dept.office?.id)) throw notFound();
      return dept;
    },

    async createDepartment(actor: RequestActor, body: CreateDepartmentBody) {
      const officeId = body.officeId ?? null;
      return mapUniqueViolation(() =>
        db.transaction(async (tx) => {
          await checkDepartmentOffice(tx, actor, officeId);
          await checkHead(tx, actor.companyId, 'headId', body.headId);
          if (await repo.departmentNameTaken(tx, actor.companyId, officeId, body.name)) throw duplicateName();
          const id = await repo.insertDepartment(tx, {
            companyId: actor.companyId,
            officeId,
            name: body.name,
            function: body.function,
            headId: body.headId ?? null,
          });
          return (await repo.getDepartment(tx, actor.companyId, id))!;
        }),
      );
    },

    async updateDepartment(actor: RequestActor, id: string, body: UpdateDepartmentBody) {
      return mapUniqueViolation(() =>
        db.transaction(async (tx) => {
          const current = await repo.lockDepartment(tx, actor.companyId, id);
          if (!current || !canManageInOffice(actor, current.officeId)) throw notFound();
          if (current.version !== body.version) throw versionConflict(current.version);
          const officeId = body.officeId === undefined ? current.officeId : body.officeId;
          if (officeId !== current.officeId) await checkDepartmentOffice(tx, actor, officeId);
          if (body.headId !== current.headId) await checkHead(tx, actor.companyId, 'headId', body.headId);
          const name = body.name ?? current.name;
          if (
            (name !== current.name || officeId !== current.officeId) &&
            (await repo.departmentNameTaken(tx, actor.companyId, officeId, name, id))
          )
            throw duplicateName();
          await repo.updateDepartment(tx, id, {
            name: body.name,
            officeId: body.officeId,
            function: body.function,
            headId: body.headId,
            updatedAt: clock.now(),
          });
          return (await repo.getDepartment(tx, actor.companyId, id))!;
        }),
      );
    },

    async deleteDepartment(actor: RequestActor, id: string) {
      return db.transaction(async (tx) => {
        const current = await repo.lockDepartment(tx, actor.companyId, id);
        if (!current || !canManageInOffice(actor, current.officeId)) throw notFound();
        const users = await repo.departmentMemberCount(tx, id);
        if (users)
          throw new DomainError(
            'rule_violation',
            'rule.department_in_use',
            { users },
            { rule: 'in_use', users },
          );
        await repo.deleteDepartment(tx, id);
        return DELETED;
      });
    },

    // ------------------------------------------------------------------------------------ partner units
    listPartnerUnits: (actor: RequestActor, q: PartnerUnitListQuery) =>
      repo.listPartnerUnits(db, actor.companyId, {
        limit: q.limit,
        cursor: q.cursor,
        q: q.q,
        relations: asArray(q.relation),
        services: asArray(q.service),
      }),

    async getPartnerUnit(actor: RequestActor, id: string) {
      const row = await repo.getPartnerUnit(db, actor.companyId, id);
      if (!row) throw notFound();
      return repo.toPartnerUnit(row);
    },

    async createPartnerUnit(actor: RequestActor, body: CreatePartnerUnitBody) {
      checkPhone(body.phone);
      return mapUniqueViolation(() =>
        db.transaction(async (tx) => {
          if (await repo.partnerUnitNameTaken(tx, actor.companyId, body.name)) throw duplicateName();
          const row = await repo.insertPartnerUnit(tx, {
            companyId: actor.companyId,
            relation: body.relation,
            service: body.service,
            name: body.name,
            contactPerson: body.contactPerson || null,
            phone: body.phone || null,
            address: body.address || null,
          });
          return repo.toPartnerUnit(row);
        }),
      );
    },

    async updatePartnerUnit(actor: RequestActor, id: string, body: UpdatePartnerUnitBody) {
      checkPhone(body.phone);
      return mapUniqueViolation(() =>
        db.transaction(async (tx) => {
          const current = await repo.getPartnerUnit(tx, actor.companyId, id, true);
          if (!current) throw notFound();
          if (current.version !== body.version) throw versionConflict(current.version);
          if (
            body.name !== undefined &&
            body.name !== current.name &&
            (await repo.partnerUnitNameTaken(tx, actor.companyId, body.name, id))
          )
            throw duplicateName();
          const row = await repo.updatePartnerUnit(tx, id, {
            relation: body.relation,
            service: body.service,
            name: body.name,
            contactPerson: blankToNull(body.contactPerson),
            phone: blankToNull(body.phone),
            address: blankToNull(body.address),
            updatedAt: clock.now(),
          });
          return repo.toPartnerUnit(row);
        }),
      );
    },

    async deletePartnerUnit(actor: RequestActor, id: string) {
      return db.transaction(async (tx) => {
        const current = await repo.getPartnerUnit(tx, actor.companyId, id, true);
        if (!current) throw notFound();
        await repo.deletePartnerUnit(tx, id);
        return DELETED;
      });
    },
  };
}

/**
 * The office of a department must be one of the company's offices inside the actor's scope (another company's
 * office is "not found", never revealed); a company department (no office) needs a company-wide role.
 */
async function checkDepartmentOffice(tx: Tx, actor: RequestActor, officeId: string | null) {
  if (officeId === null) {
    if (!seesWholeCompany(actor)) throw forbidden();
    return;
  }
  const office = await repo.lockOffice(tx, actor.companyId, officeId, 'share');
  if (!office || !canManageInOffice(actor, office.id)) throw fieldError({ officeId: 'not_found' });
}
