import "server-only";
import { audit } from "@/lib/audit";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";

/**
 * The viewer's ready export, handed out once: in one statement it is marked DOWNLOADED and its
 * file deleted, so two requests (two tabs, a replay) cannot both get it. Null: nothing to fetch.
 * The owner check is in the statement: nobody else's export can be named or fetched.
 */
export async function takeDataExport({ viewer }: { viewer: Viewer }): Promise<Buffer | null> {
  const rows = await db.$queryRaw<{ content: Uint8Array }[]>`
    WITH taken AS (
      SELECT id, content FROM "DataExport"
      WHERE "userId" = ${viewer.id} AND status = 'READY'
      ORDER BY "requestedAt" DESC LIMIT 1
      FOR UPDATE
    )
    UPDATE "DataExport" d SET status = 'DOWNLOADED', "downloadedAt" = now(), content = NULL
    FROM taken WHERE d.id = taken.id
    RETURNING taken.content`;
  const content = rows[0]?.content;
  if (!content) return null;
  await audit({ action: "data.export_downloaded", actorId: viewer.id, targetType: "user", targetId: viewer.id });
  return Buffer.from(content);
}
