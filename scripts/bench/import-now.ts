/**
 * One import of a linked connection through Saldo's real path: the XS2A client (over HTTP to the
 * sandbox) → `xs2aImportSource` → `importConnection` (normalise → write). The same call the sync
 * engine makes, minus its SyncRun bookkeeping.
 */
import { xs2aImportSource } from "@/lib/bank-gateway/import-source";
import { withUserApi } from "@/lib/bank-gateway/user-api";
import { db, pgPool } from "@/lib/db";
import { importConnection } from "@/lib/import/import-connection";
import type { ImportSource } from "@/lib/import/types";
import { since } from "./stats";

function timed(source: ImportSource, phases: ImportPhases | undefined): ImportSource {
  if (!phases) return source;
  const time =
    <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
    async (...a: A) => {
      const t0 = process.hrtime.bigint();
      try {
        return await fn(...a);
      } finally {
        phases.fetchMs += since(t0);
      }
    };
  const pages = source.turnoverPages;
  return {
    listAccounts: time(source.listAccounts),
    balance: time(source.balance),
    turnovers: time(source.turnovers),
    // Only the wait for each page (HTTP + JSON parsing) counts as reading; no page is kept.
    turnoverPages: pages
      ? async function* (accountId, query) {
          const it = pages.call(source, accountId, query)[Symbol.asyncIterator]();
          for (;;) {
            const t0 = process.hrtime.bigint();
            const next = await it.next();
            phases.fetchMs += since(t0);
            if (next.done) return;
            yield next.value;
          }
        }
      : undefined,
  };
}

/** Where the time went: reading from XS2A (HTTP + JSON parsing) vs everything after (normalise + write). */
export interface ImportPhases {
  fetchMs: number;
}

export async function importNow(opts: { connectionId: string; phases?: ImportPhases }) {
  const phases = opts.phases;
  const connection = await db.bankConnection.findUniqueOrThrow({ where: { id: opts.connectionId } });
  if (!connection.xs2aId) throw new Error("connection has no XS2A id");
  const xs2aId = connection.xs2aId;
  const result = await withUserApi(connection.userId, (api) =>
    importConnection({ db, pool: pgPool(), connection, source: timed(xs2aImportSource(api, xs2aId), phases) }),
  );
  if (result.status !== "succeeded")
    throw new Error(`import ${result.status}: ${result.errors.map((e) => `${e.stage}: ${e.message}`).join("; ")}`);
  return result;
}
