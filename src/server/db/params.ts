/** SQL parameters of shapes Drizzle does not bind by itself: lists of uuids. */
import { sql, type SQL } from 'drizzle-orm';

/** A uuid[] parameter; ids come from the database or from validated input. */
export const uuidArray = (ids: readonly string[]): SQL => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** The items of an `in (…)` list, each a uuid parameter; `null::uuid` (which nothing equals) when empty. */
export const uuidList = (list: readonly string[]): SQL =>
  list.length
    ? sql.join(
        list.map((i) => sql`${i}::uuid`),
        sql`, `,
      )
    : sql`null::uuid`;
