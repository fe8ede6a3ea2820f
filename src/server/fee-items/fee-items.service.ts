/**
 * The fee standard (有偿服务收费标准, REPAIR-3): every staff member reads it (intake and the technician's task
 * show it for paid private repairs); admins keep it. Items are not referenced by cases, so DELETE removes one;
 * `active: false` hides an item from staff while keeping it in the register.
 */
import { fieldError, notFound, versionConflict } from '../../domain/errors';
import {
  yuanToFen,
  type CreateFeeItemBody,
  type FeeItemListQuery,
  type UpdateFeeItemBody,
} from '../../contracts/fee-items';
import type { AppDeps } from '../platform/deps';
import type { RequestActor } from '../http/types';
import * as repo from './fee-items.repository';
import { uniqueAsFieldError } from '../db/pg-errors';

const DUPLICATE_NAME = { name: 'rule.duplicate_name' };
const duplicateName = () => fieldError(DUPLICATE_NAME);
/** Two writers racing past the duplicate-name check meet the unique index: report it as the check would. */
const mapUniqueViolation = <T>(work: () => Promise<T>) => uniqueAsFieldError(work, DUPLICATE_NAME);

/** The contract has validated the price already; this turns it into fen. */
function fen(priceYuan: string | number): number {
  const v = yuanToFen(priceYuan);
  if (typeof v === 'string') throw fieldError({ priceYuan: v });
  return v;
}

export function feeItemsService({ db, clock }: AppDeps) {
  return {
    list: (actor: RequestActor, q: FeeItemListQuery) =>
      repo.listFeeItems(db, actor.companyId, {
        limit: q.limit,
        cursor: q.cursor,
        q: q.q,
        active: q.active === undefined ? undefined : q.active === 'true',
      }),

    async get(actor: RequestActor, id: string) {
      const row = await repo.getFeeItem(db, actor.companyId, id);
      if (!row) throw notFound();
      return repo.toFeeItem(row);
    },

    async create(actor: RequestActor, body: CreateFeeItemBody) {
      const priceFen = fen(body.priceYuan);
      return mapUniqueViolation(() =>
        db.transaction(async (tx) => {
          if (await repo.feeItemNameTaken(tx, actor.companyId, body.name)) throw duplicateName();
          const row = await repo.insertFeeItem(tx, {
            companyId: actor.companyId,
            name: body.name,
            unit: body.unit,
            priceFen,
            note: body.note || null,
            sort: body.sort ?? 0,
            active: body.active ?? true,
          });
          return repo.toFeeItem(row);
        }),
      );
    },

    async update(actor: RequestActor, id: string, body: UpdateFeeItemBody) {
      const priceFen = body.priceYuan === undefined ? undefined : fen(body.priceYuan);
      return mapUniqueViolation(() =>
        db.transaction(async (tx) => {
          const current = await repo.getFeeItem(tx, actor.companyId, id, true);
          if (!current) throw notFound();
          if (current.version !== body.version) throw versionConflict(current.version);
          if (
            body.name !== undefined &&
            body.name !== current.name &&
            (await repo.feeItemNameTaken(tx, actor.companyId, body.name, id))
          )
            throw duplicateName();
          const row = await repo.updateFeeItem(tx, id, {
            name: body.name,
            unit: body.unit,
            priceFen,
            note: body.note === undefined ? undefined : body.note || null,
            sort: body.sort,
            active: body.active,
            updatedAt: clock.now(),
          });
          return repo.toFeeItem(row);
        }),
      );
    },

    async remove(actor: RequestActor, id: string) {
      return db.transaction(async (tx) => {
        const current = await repo.getFeeItem(tx, actor.companyId, id, true);
        if (!current) throw notFound();
        await repo.deleteFeeItem(tx, id);
        return { ok: true as const };
      });
    },
  };
}
