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
  // Account security (issue 14): sessions, password and email flows, re-authentication.
  | "auth.sign_out"
  | "auth.new_device"
  | "auth.session_revoked"
  | "auth.other_sessions_revoked"
  | "auth.password_changed"
  | "auth.password_reset_requested"
  | "auth.password_reset"
  | "auth.verification_sent"
  | "auth.email_verified"
  | "auth.sign_up_existing_email"
  | "auth.email_change_requested"
  | "auth.email_changed"
  | "auth.reauthenticated"
  | "auth.reauth_failed"
  // Two-factor sign-in, recovery codes, remembered devices, passkeys (issue 14, part B).
  | "auth.second_factor_required"
  | "auth.second_factor_failed"
  | "auth.mfa_enabled"
  | "auth.mfa_disabled"
  | "auth.recovery_code_used"
  | "auth.recovery_codes_regenerated"
  | "auth.trusted_device_added"
  | "auth.trusted_devices_revoked"
  | "auth.passkey_added"
  | "auth.passkey_renamed"
  | "auth.passkey_removed"
  | "auth.passkey_used"
  | "auth.passkey_failed"
  | "data.export_requested"
  | "data.export_downloaded"
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
