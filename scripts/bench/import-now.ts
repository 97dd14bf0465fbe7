/**
 * One import of a linked connection through Saldo's real path: the XS2A client (over HTTP to the
 * sandbox) → `xs2aImportSource` → `importConnection` (normalise → write). The same call the sync
 * engine makes, minus its SyncRun bookkeeping.
 */
import { xs2aImportSource } from "@/lib/bank-gateway/import-source";
import { withUserApi } from "@/lib/bank-gateway/user-api";
import { db } from "@/lib/db";
import { importConnection } from "@/lib/import/import-connection";
import type { ImportSource, SourceTurnover } from "@/lib/import/types";
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
  const turnovers = time(source.turnovers);
  return {
    listAccounts: time(source.listAccounts),
    balance: time(source.balance),
    turnovers: async (...a) => {
      const batch = await turnovers(...a);
      phases.turnovers = batch.turnovers;
      return batch;
    },
  };
}

/** Where the time went: reading from XS2A (HTTP + JSON parsing) vs everything after (normalise + write). */
export interface ImportPhases {
  fetchMs: number;
  turnovers?: SourceTurnover[];
}

export async function importNow(opts: { connectionId: string; phases?: ImportPhases }) {
  const phases = opts.phases;
  const connection = await db.bankConnection.findUniqueOrThrow({ where: { id: opts.connectionId } });
  if (!connection.xs2aId) throw new Error("connection has no XS2A id");
  const xs2aId = connection.xs2aId;
  const result = await withUserApi(connection.userId, (api) =>
    importConnection({ db, connection, source: timed(xs2aImportSource(api, xs2aId), phases) }),
  );
  if (result.status !== "succeeded")
    throw new Error(`import ${result.status}: ${result.errors.map((e) => `${e.stage}: ${e.message}`).join("; ")}`);
  return result;
}
