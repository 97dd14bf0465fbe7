import NextAuth from "next-auth";
import { NextResponse, type NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { env } from "@/lib/env";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

const CALLBACK_URL_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

/**
 * next-auth answers a callbackUrl (query or cookie) it cannot parse with a 500; one that is not a
 * path of our own origin is refused here with a 400 instead, and a bad cookie is cleared with it.
 */
async function handler(req: NextRequest, ctx: unknown) {
  const origin = env().appUrl;
  const given = [
    ...req.nextUrl.searchParams.getAll("callbackUrl"),
    ...CALLBACK_URL_COOKIES.map((name) => req.cookies.get(name)?.value).filter((v) => v !== undefined),
  ];
  if (given.some((url) => url !== "" && safeRedirectPath(url, { origin }) === undefined)) {
    const refused = NextResponse.json({ error: "invalid_callback_url" }, { status: 400 });
    for (const name of CALLBACK_URL_COOKIES) if (req.cookies.has(name)) refused.cookies.delete(name);
    return refused;
  }
  return NextAuth(authOptions())(req, ctx);
}
export { handler as GET, handler as POST };
