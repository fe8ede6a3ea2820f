/**
 * Raw SQL that reads whole rows names each column by the Drizzle schema's key (`c."reporter_name" as
 * "reporterName"`), so the row types can be the schema's own (`$inferSelect`): a renamed or dropped column then
 * fails `tsc` instead of arriving as undefined.
 */
import { getTableColumns, sql, type SQL, type Table } from 'drizzle-orm';

/** `alias."column" as "key", …` for every column of `table` except `omit`, in the schema's order. */
export function columnsAs<T extends Table>(
  table: T,
  alias: string,
  omit: readonly (keyof T['_']['columns'] & string)[] = [],
): SQL {
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => !omit.includes(key as never));
  return sql.raw(columns.map(([key, column]) => `${alias}."${column.name}" as "${key}"`).join(', '));
}
