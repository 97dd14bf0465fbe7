import "server-only";
import { assertAdmin } from "@/lib/admin/assert-admin";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { pageParam, textParam } from "@/lib/http/search-params";
import type { Prisma } from "@/lib/generated/prisma/client";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditRow {
  id: string;
  at: Date;
  action: string;
  actorEmail: string | null;
  actorId: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: string | null;
}

/** The audit log, newest first, filtered by action (prefix, e.g. "admin."), actor email and target. */
export async function unsafeListAuditEvents(opts: {
  admin: Viewer;
  action?: string;
  actor?: string;
  target?: string;
  page?: number;
}) {
  assertAdmin(opts.admin);
  const action = textParam(opts.action, 100);
  const actor = textParam(opts.actor, 320);
  const target = textParam(opts.target, 200);
  const where: Prisma.AuditEventWhereInput = {
    ...(action ? (action.endsWith(".") ? { action: { startsWith: action } } : { action }) : {}),
    ...(actor ? { actorEmail: { contains: actor, mode: "insensitive" } } : {}),
    ...(target
      ? { OR: [{ targetId: target }, { targetType: target }, { targetId: { contains: target, mode: "insensitive" } }] }
      : {}),
  };
  const page = pageParam(opts.page);
  const [total, rows] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
  ]);
  const events: AuditRow[] = rows.map((r) => ({
    id: r.id.toString(),
    at: r.at,
    action: r.action,
    actorEmail: r.actorEmail,
    actorId: r.actorId,
    targetType: r.targetType,
    targetId: r.targetId,
    ip: r.ip,
    details: r.details === null || r.details === undefined ? null : JSON.stringify(r.details).slice(0, 300),
  }));
  return { events, total, page, pageSize: AUDIT_PAGE_SIZE };
}

/** Actions offered in the filter; "admin." and friends match every action with that prefix. */
export const AUDIT_ACTION_FILTERS = [
  "auth.",
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_up",
  "auth.sign_out_everywhere",
  "auth.account_deleted",
  "auth.sign_out",
  "auth.new_device",
  "auth.password_changed",
  "auth.password_reset",
  "auth.email_verified",
  "auth.email_changed",
  "auth.reauth_failed",
  "bank.",
  "bank.linked",
  "bank.removed",
  "bank.renewed",
  "bank.relinked",
  "admin.",
  "admin.view",
  "admin.user_disabled",
  "admin.user_enabled",
  "admin.import_rerun",
] as const;
