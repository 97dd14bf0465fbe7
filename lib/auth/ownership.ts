import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Where a write checks ownership: an id from a form or URL (unverified) becomes a row only when
 * it is the viewer's. "Not found" and "not yours" look the same. Reads check it in lib/data/,
 * with the viewer in every `where`.
 */
export async function ownedConnectionOrThrow(
  viewer: Viewer,
  unverifiedConnectionId: string,
  where: Prisma.BankConnectionWhereInput = {},
) {
  const connection = await db.bankConnection.findFirst({
    where: { ...where, id: unverifiedConnectionId, userId: viewer.id },
  });
  if (!connection) throw new AppError("not_found", "not found");
  return connection;
}

export async function ownedWizardOrThrow(viewer: Viewer, unverifiedWizardId: string) {
  const wizard = await db.wizardSession.findFirst({
    where: { id: unverifiedWizardId, userId: viewer.id },
    include: { connection: true },
  });
  if (!wizard) throw new AppError("not_found", "not found");
  return wizard;
}
