/**
 * The fee standard (有偿服务收费标准, REPAIR-3): what a paid repair of an owner's private part costs, told to
 * the resident before the visit. Every staff member reads it; admins keep it. Prices travel as yuan with at most
 * two decimals and are stored as integer fen, so 12.30 comes back as exactly "12.30".
 */
import { z } from 'zod';
import { ListQuery } from './common';
import { yuanToFen } from './money';

export { fenToYuan, MAX_PRICE_FEN, yuanToFen } from './money';

/** Yuan as a decimal string or a number: zero or more, at most two decimals. */
export const PriceYuan = z.union([z.string().max(20), z.number()]).superRefine((v, ctx) => {
  const fen = yuanToFen(v);
  if (typeof fen === 'string') ctx.addIssue({ code: 'custom', message: fen });
});

export const FeeItem = z.object({
  id: z.string(),
  name: z.string(),
  /** 个 / 次 / 米 / 把 … */
  unit: z.string(),
  /** yuan with two decimals, e.g. "30.00" */
  priceYuan: z.string(),
  priceFen: z.number().int(),
  note: z.string().nullable(),
  sort: z.number().int(),
  /** inactive items stay in the register but are not offered to staff */
  active: z.boolean(),
  version: z.number().int(),
});
export type FeeItem = z.infer<typeof FeeItem>;

const Name = z.string().trim().min(1).max(100);
const Unit = z.string().trim().min(1).max(20);
const Sort = z.number().int().min(0).max(100_000);

export const CreateFeeItemBody = z.object({
  name: Name,
  unit: Unit,
  priceYuan: PriceYuan,
  /** omitted, null or '' : no note */
  note: z.string().trim().max(200).nullable().optional(),
  /** default 0; the list is ordered by sort, then name */
  sort: Sort.optional(),
  active: z.boolean().optional(),
});
export type CreateFeeItemBody = z.infer<typeof CreateFeeItemBody>;

export const UpdateFeeItemBody = CreateFeeItemBody.partial().extend({ version: z.number().int().min(1) });
export type UpdateFeeItemBody = z.infer<typeof UpdateFeeItemBody>;

export const FeeItemListQuery = ListQuery.extend({
  /** `true`: only the items offered to staff; `false`: only the inactive ones */
  active: z.enum(['true', 'false']).optional(),
});
export type FeeItemListQuery = z.infer<typeof FeeItemListQuery>;
