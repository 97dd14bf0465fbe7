import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { audit } from "@/lib/audit";
import { authenticate } from "@/lib/auth/authenticate";
import { startSession } from "@/lib/auth/sessions/start-session";
import { forgetUser } from "@/lib/cache/user-cache";
import { mfaProviders } from "@/lib/auth/mfa-providers";
import { readTrustedDeviceCookie } from "@/lib/auth/trusted-device";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { requestLocale } from "@/lib/i18n/request-locale";

// JWT sessions carry only the user id, the session version and the UserSession id; getViewer()
// checks all three against the database on every request, so disabling a user, "sign out
// everywhere" and "sign out this one" end sessions at once.
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
          // The server-side session row (lib/auth/sessions): the JWT carries its id as `sid`.
          const { sessionId } = await startSession({
            userId: result.user.id,
            userAgent: req?.headers?.["user-agent"] as string | undefined,
            ip,
            browserLocale: await requestLocale(),
          });
          return {
            id: result.user.id,
            email: result.user.email,
            sv: result.user.sessionVersion,
            sid: sessionId,
          } as never;
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
          token.sid = (user as unknown as { sid: string }).sid;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, uid: token.uid, sv: token.sv, sid: token.sid } as typeof session;
      },
    },
    events: {
      async signOut({ token }) {
        if (!token?.uid) return;
        // A JWT cannot be revoked by itself: a copied cookie would keep working after sign-out.
        // Revoking its session row makes it worthless (getViewer checks the row) and leaves the
        // user's other devices signed in. A token from before session rows bumps the version.
        if (token.sid)
          await db.userSession.updateMany({
            where: { id: String(token.sid), userId: String(token.uid), revokedAt: null },
            data: { revokedAt: new Date() },
          });
        else
          await db.user.updateMany({
            where: { id: String(token.uid), sessionVersion: Number(token.sv) },
            data: { sessionVersion: { increment: 1 } },
          });
        forgetUser(String(token.uid));
        await audit({
          action: "auth.sign_out",
          actorId: String(token.uid),
          ...(token.sid ? { targetType: "session", targetId: String(token.sid) } : {}),
        });
      },
    },
  };
}
