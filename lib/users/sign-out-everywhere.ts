import { audit } from "@/lib/audit";
import { db } from "@/lib/db";

/** Bumps the session version: every JWT issued before stops working on its next request. */
export async function signOutEverywhere({ userId }: { userId: string }) {
  await db.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
  await audit({ action: "auth.sign_out_everywhere", actorId: userId, targetType: "user", targetId: userId });
}
