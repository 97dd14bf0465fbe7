import "server-only";
import { z } from "zod";
import { assertAdmin } from "@/lib/admin/assert-admin";
import { audit } from "@/lib/audit";
import type { Viewer } from "@/lib/auth/viewer";
import { forgetUser } from "@/lib/cache/user-cache";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export const setUserDisabledInput = z.object({ userId: z.string().min(1).max(100), disabled: z.boolean() });

/**
 * Disable or enable a user. Disabling also bumps the session version, so every open session
 * ends on its next request (getViewer checks both). An admin cannot disable themself: the last
 * admin locking everyone out is not recoverable from the UI.
 */
export async function setUserDisabled({
  admin,
  input,
}: {
  admin: Viewer;
  input: z.infer<typeof setUserDisabledInput>;
}) {
  assertAdmin(admin);
  const unverifiedUserId = input.userId;
  if (unverifiedUserId === admin.id) throw new AppError("conflict", "cannot_disable_self");
  const user = await db.user.findUnique({
    where: { id: unverifiedUserId },
    select: { id: true, email: true, disabled: true },
  });
  if (!user) throw new AppError("not_found", "not found");
  if (user.disabled !== input.disabled) {
    await db.user.update({
      where: { id: user.id },
      data: input.disabled ? { disabled: true, sessionVersion: { increment: 1 } } : { disabled: false },
    });
  }
  await audit({
    action: input.disabled ? "admin.user_disabled" : "admin.user_enabled",
    actorId: admin.id,
    actorEmail: admin.email,
    targetType: "user",
    targetId: user.id,
    details: { email: user.email, changed: user.disabled !== input.disabled },
  });
  // Takes effect on the user's next request here at once (other web processes are notified).
  forgetUser(user.id);
  return { userId: user.id, disabled: input.disabled };
}
