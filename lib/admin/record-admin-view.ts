import "server-only";
import { assertAdmin } from "@/lib/admin/assert-admin";
import { audit } from "@/lib/audit";
import type { Viewer } from "@/lib/auth/viewer";

/** Every admin page view is audited: who looked at which page with which filters. */
export async function recordAdminView({
  admin,
  page,
  filters,
}: {
  admin: Viewer;
  page: string;
  filters?: Record<string, string | number | undefined>;
}) {
  assertAdmin(admin);
  const clean = Object.fromEntries(Object.entries(filters ?? {}).filter(([, v]) => v !== undefined && v !== ""));
  await audit({
    action: "admin.view",
    actorId: admin.id,
    actorEmail: admin.email,
    targetType: "admin_page",
    targetId: page,
    details: clean,
  });
}
