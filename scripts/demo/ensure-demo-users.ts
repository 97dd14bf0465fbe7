import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";

// Development only (npm run dev): fixed logins printed at start.
export const DEMO_USER = { email: "demo@saldo.local", password: "saldo-demo-2026", name: "Demo" };
export const DEMO_ADMIN = { email: "admin@saldo.local", password: "saldo-admin-2026", name: "Admin" };

/** Creates the demo user and admin once; returns whether the demo user is new. */
export async function ensureDemoUsers() {
  let created = false;
  for (const u of [DEMO_USER, DEMO_ADMIN]) {
    const exists = await db.user.findUnique({ where: { email: u.email }, select: { id: true } });
    if (exists) continue;
    await db.user.create({
      data: {
        email: u.email,
        name: u.name,
        passwordHash: await hashPassword(u.password),
        role: u === DEMO_ADMIN ? "ADMIN" : "USER",
        // The demo logins are ours: confirmed, so the demo can link banks at once.
        emailVerifiedAt: new Date(),
      },
    });
    if (u === DEMO_USER) created = true;
  }
  return { created };
}
