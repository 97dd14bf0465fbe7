import { NextResponse } from "next/server";
import { snoozeFromLink } from "@/lib/consent/snooze-from-link";
import { env } from "@/lib/env";

/**
 * "Remind me tomorrow" from a reminder email: no sign-in; the signed token (lib/consent/snooze-link.ts)
 * is the whole authority, for this one thing, until it expires. Answers with the sign-in page,
 * which says what happened.
 */
export async function GET(req: Request) {
  const token = new URL(req.url).searchParams.get("t") ?? "";
  const outcome = await snoozeFromLink(token.slice(0, 500));
  const to = new URL(`/signin?reason=${outcome === "snoozed" ? "snoozed" : `snooze_${outcome}`}`, env().appUrl);
  return NextResponse.redirect(to, { status: 303, headers: { "cache-control": "no-store" } });
}
