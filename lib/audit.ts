import "server-only";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import type { Prisma } from "@/lib/generated/prisma/client";

export type AuditAction =
  | "auth.sign_up"
  | "auth.sign_in"
  | "auth.sign_in_failed"
  | "auth.sign_out_everywhere"
  | "auth.account_deleted"
  | "bank.linked"
  | "bank.removed"
  | "bank.renamed"
  | "bank.renewed"
  | "bank.relinked"
  | "admin.view"
  | "admin.user_disabled"
  | "admin.user_enabled"
  | "admin.import_rerun"
  | "admin.quarantine_dismissed";

/** Append to the audit log. Never throws: an audit failure must not break the user's action. */
export async function audit(entry: {
  action: AuditAction;
  actorId?: string | null;
  actorEmail?: string | null;
  targetType?: string;
  targetId?: string;
  ip?: string | null;
  details?: Prisma.InputJsonValue;
}) {
  try {
    await db.auditEvent.create({
      data: { ...entry, actorId: entry.actorId ?? null, actorEmail: entry.actorEmail ?? null },
    });
  } catch (err) {
    log.error({ err, action: entry.action }, "audit write failed");
  }
}
