import "server-only";
import CredentialsProvider from "next-auth/providers/credentials";
import { signInWithPasskey } from "@/lib/auth/passkeys/sign-in-with-passkey";
import { completeSecondFactor } from "@/lib/auth/second-factor";
import { startSession } from "@/lib/auth/sessions/start-session";
import { createTrustedDevice, setTrustedDeviceCookie } from "@/lib/auth/trusted-device";
import { clientIp } from "@/lib/http/client-ip";
import { requestLocale } from "@/lib/i18n/request-locale";

type Headers = Record<string, string | string[] | undefined> | undefined;
const header = (headers: Headers, name: string) => {
  const v = headers?.[name];
  return (Array.isArray(v) ? v[0] : v) ?? null;
};

// next-auth turns a thrown Error into ?error=<message>: the sign-in form maps the code to a text.
// A complete sign-in opens a server-side session row (lib/auth/sessions); the JWT carries its id.
async function asUser(
  user: { id: string; email: string; sessionVersion: number },
  headers: Headers,
  ip: string | null,
) {
  const { sessionId } = await startSession({
    userId: user.id,
    userAgent: header(headers, "user-agent"),
    ip,
    browserLocale: await requestLocale(),
  });
  return { id: user.id, email: user.email, sv: user.sessionVersion, sid: sessionId } as never;
}

/**
 * The sign-in steps beyond email + password (next-auth providers, ids used by the sign-in form):
 * `second-factor` completes a password sign-in with a code or a passkey; `passkey` signs in with a
 * passkey alone.
 */
export function mfaProviders() {
  return [
    CredentialsProvider({
      id: "second-factor",
      name: "Second factor",
      credentials: {
        token: { type: "text" },
        code: { type: "text" },
        remember: { type: "text" },
        passkeyChallengeId: { type: "text" },
        passkeyResponse: { type: "text" },
      },
      async authorize(credentials, req) {
        const ip = clientIp(req?.headers);
        const result = await completeSecondFactor({
          token: String(credentials?.token ?? ""),
          code: credentials?.code || undefined,
          passkey: credentials?.passkeyChallengeId
            ? { challengeId: String(credentials.passkeyChallengeId), response: credentials.passkeyResponse }
            : undefined,
          ip,
        });
        if (!result.ok) throw new Error(result.code);
        if (credentials?.remember === "true")
          await setTrustedDeviceCookie(
            await createTrustedDevice({ userId: result.user.id, userAgent: header(req?.headers, "user-agent"), ip }),
          );
        return asUser(result.user, req?.headers, ip);
      },
    }),
    CredentialsProvider({
      id: "passkey",
      name: "Passkey",
      credentials: { challengeId: { type: "text" }, response: { type: "text" } },
      async authorize(credentials, req) {
        const ip = clientIp(req?.headers);
        const result = await signInWithPasskey({
          challengeId: String(credentials?.challengeId ?? ""),
          response: credentials?.response,
          ip,
        });
        if (!result.ok) throw new Error(result.code);
        return asUser(result.user, req?.headers, ip);
      },
    }),
  ];
}
