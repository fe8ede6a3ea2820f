/**
 * The category tree's values for every client, zod-free (CLASS-3): owned by src/domain/policy/categories.ts,
 * re-exported here so the web keeps no copy.
 */
export { MAX_CATEGORY_DEPTH } from '../../domain/policy/categories';
