import "server-only";
import { assertAdmin } from "@/lib/admin/assert-admin";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { pageParam, textParam } from "@/lib/http/search-params";
import type { Prisma } from "@/lib/generated/prisma/client";

export const USERS_PAGE_SIZE = 50;

export interface AdminUserRow {
  id: string;
  email: string;
  name: string | null;
  role: "USER" | "ADMIN";
  disabled: boolean;
  lastSignInAt: Date | null;
  /** Whether the address was confirmed by a link (issue 14); never a token. */
  emailVerified: boolean;
  createdAt: Date;
  /** Linked banks (active or disabled by XS2A), not half-linked or removed ones. */
  banks: number;
  /** Two-factor sign-in with an authenticator app is on (never the secret). */
  totp: boolean;
  /** How many passkeys the user registered. */
  passkeys: number;
}

/** Every user, for the admin: "unsafe" because it is not scoped to the viewer. */
export async function unsafeListUsers(opts: { admin: Viewer; query?: string; page?: number }) {
  assertAdmin(opts.admin);
  const q = textParam(opts.query, 200);
  const where: Prisma.UserWhereInput = q
    ? {
        OR: [
          { email: { contains: q, mode: "insensitive" } },
          { name: { contains: q, mode: "insensitive" } },
          { id: q },
        ],
      }
    : {};
  const page = pageParam(opts.page);
  const [total, rows] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        disabled: true,
        lastSignInAt: true,
        emailVerifiedAt: true,
        createdAt: true,
        totp: { select: { confirmedAt: true } },
        _count: {
          select: { connections: { where: { status: { in: ["ACTIVE", "DISABLED"] } } }, passkeys: true },
        },
      },
    }),
  ]);
  const users: AdminUserRow[] = rows.map(({ _count, emailVerifiedAt, totp, ...u }) => ({
    ...u,
    emailVerified: !!emailVerifiedAt,
    banks: _count.connections,
    totp: !!totp?.confirmedAt,
    passkeys: _count.passkeys,
  }));
  return { users, total, page, pageSize: USERS_PAGE_SIZE };
}
