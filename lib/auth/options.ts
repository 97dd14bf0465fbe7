import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { audit } from "@/lib/audit";
import { authenticate } from "@/lib/auth/authenticate";
import { mfaProviders } from "@/lib/auth/mfa-providers";
import { readTrustedDeviceCookie } from "@/lib/auth/trusted-device";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

// JWT sessions carry only the user id and the session version; getViewer() checks both
// against the database on every request, so disabling a user ends their sessions at once.
export function authOptions(): NextAuthOptions {
  return {
    secret: env().authSecret,
    session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, req) {
          const ip = clientIp(req?.headers);
          const result = await authenticate({
            email: credentials?.email ?? "",
            password: credentials?.password ?? "",
            ip,
            trustedDevice: await readTrustedDeviceCookie(),
          });
          // next-auth turns a thrown Error into ?error=<message>: the code is shown as a message by the form.
          if (!result.ok) throw new Error(result.code);
          return { id: result.user.id, email: result.user.email, sv: result.user.sessionVersion } as never;
        },
      }),
      ...mfaProviders(),
    ],
    callbacks: {
      // next-auth's callbackUrl comes from the request: only paths on our own origin are followed.
      async redirect({ url, baseUrl }) {
        return new URL(safeRedirectPath(url, { origin: baseUrl }) ?? "/", baseUrl).href;
      },
      async jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.sv = (user as unknown as { sv: number }).sv;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, uid: token.uid, sv: token.sv } as typeof session;
      },
    },
    events: {
      async signOut({ token }) {
        if (!token?.uid) return;
        // A JWT cannot be revoked by itself: a copied cookie would keep working after sign-out.
        // Bumping the session version makes it worthless (getViewer compares it), at the price of
        // also ending the user's sessions on other devices.
        await db.user.updateMany({
          where: { id: String(token.uid), sessionVersion: Number(token.sv) },
          data: { sessionVersion: { increment: 1 } },
        });
        await audit({ action: "auth.sign_in", actorId: String(token.uid), details: { signedOut: true } });
      },
    },
  };
}
