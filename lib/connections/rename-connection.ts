import "server-only";
import { z } from "zod";
import { audit } from "@/lib/audit";
import { ownedConnectionOrThrow } from "@/lib/auth/ownership";
import type { Viewer } from "@/lib/auth/viewer";
import { CONNECTION_NAME_MAX } from "@/lib/connection-name";
import { db } from "@/lib/db";
import { shortName } from "@/lib/short-name";

export const renameConnectionInput = z
  .object({
    connectionId: z.string().min(1).max(64),
    // Empty: back to the default name.
    name: shortName(CONNECTION_NAME_MAX),
  })
  .strict();

/** Gives one of the viewer's bank logins their own name (or, with an empty name, the default again). */
export async function renameConnection({
  viewer,
  input,
}: {
  viewer: Viewer;
  input: z.infer<typeof renameConnectionInput>;
}) {
  const connection = await ownedConnectionOrThrow(viewer, input.connectionId, { status: { not: "REMOVED" } });
  const name = input.name || null;
  if (name === connection.name) return { name };
  await db.bankConnection.update({ where: { id: connection.id }, data: { name } });
  await audit({
    action: "bank.renamed",
    actorId: viewer.id,
    targetType: "connection",
    targetId: connection.id,
    details: { named: name !== null },
  });
  return { name };
}
