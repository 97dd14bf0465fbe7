import type pg from "pg";

/**
 * `sql` with its `$n` parameters as quoted literals (or NULL), for statements sent together in one
 * simple query, which takes no parameters: one round trip for a transaction's statements (the
 * import's merge opening, a sync's claim). Only for the caller's own statements, which have no
 * other `$`; each value keeps the cast its placeholder has (`$2::numeric` → `'1.00'::numeric`).
 */
export function inlineParams(
  client: Pick<pg.PoolClient, "escapeLiteral">,
  sql: string,
  params: readonly (string | null)[],
): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => {
    const v = params[Number(n) - 1];
    if (v === undefined) throw new Error(`inlineParams: no value for $${n}`);
    return v === null ? "NULL" : client.escapeLiteral(v);
  });
}
