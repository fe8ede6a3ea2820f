/**
 * Case categories (CLASS-3, policy): a tree per company, at most three levels, seeded with the default
 * tree of src/domain/policy/categories.ts on first use.
 */
import { z } from 'zod';

export const Category = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  /** stable key of a default category (facility_repair.lift …); null for the company's own */
  code: z.string().nullable(),
  /** as stored by the company (edit this one) */
  name: z.string(),
  /** `name` in the request's language: an un-renamed default category in en-US shows its English name */
  displayName: z.string(),
  /** 1 = top level */
  depth: z.number().int(),
  sort: z.number().int(),
  /** inactive categories stay on old cases but are not offered at intake */
  active: z.boolean(),
});
export type Category = z.infer<typeof Category>;

/** Depth-first order (each parent followed by its children, siblings by `sort` then name). */
export const CategoryTree = z.object({ items: z.array(Category) });
export type CategoryTree = z.infer<typeof CategoryTree>;

export const CategoryListQuery = z.object({
  /** `true`: only the categories offered at intake */
  active: z.enum(['true', 'false']).optional(),
});
export type CategoryListQuery = z.infer<typeof CategoryListQuery>;

const Name = z.string().trim().min(1).max(50);
const Sort = z.number().int().min(0).max(100_000);

export const CreateCategoryBody = z.object({
  name: Name,
  parentId: z.uuid().nullable().optional(),
  /** default: after the last sibling */
  sort: Sort.optional(),
});
export type CreateCategoryBody = z.infer<typeof CreateCategoryBody>;

export const UpdateCategoryBody = z.object({
  name: Name.optional(),
  /** null moves it to the top level */
  parentId: z.uuid().nullable().optional(),
  sort: Sort.optional(),
  /** deactivating a category deactivates its subcategories too */
  active: z.boolean().optional(),
});
export type UpdateCategoryBody = z.infer<typeof UpdateCategoryBody>;

/**
 * DELETE removes the category and its subcategories; any of them already used by a case, and the default
 * categories (which can be restored), are deactivated instead.
 */
export const DeleteCategoryResult = z.object({
  deleted: z.number().int(),
  deactivated: z.number().int(),
});
export type DeleteCategoryResult = z.infer<typeof DeleteCategoryResult>;
