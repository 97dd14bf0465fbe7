/**
 * One import of a linked connection through Saldo's real path: the XS2A client (over HTTP to the
 * sandbox) → `xs2aImportSource` → `importConnection` (normalise → write). The same call the sync
 * engine makes, minus its SyncRun bookkeeping.
 */
import { xs2aImportSource } from "@/lib/connections/import-source";
import { withUserApi } from "@/lib/connections/xs2a";
import { db } from "@/lib/db";
import { importConnection } from "@/lib/sync/import-connection";

export async function importNow(opts: { connectionId: string }) {
  const connection = await db.bankConnection.findUniqueOrThrow({ where: { id: opts.connectionId } });
  if (!connection.xs2aId) throw new Error("connection has no XS2A id");
  const xs2aId = connection.xs2aId;
  const result = await withUserApi(connection.userId, (api) => importConnection({ db, connection, source: xs2aImportSource(api, xs2aId) }));
  if (result.status !== "succeeded") throw new Error(`import ${result.status}: ${result.errors.map((e) => `${e.stage}: ${e.message}`).join("; ")}`);
  return result;
}
