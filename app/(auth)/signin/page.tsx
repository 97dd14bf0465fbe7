import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/sign-in-form";
import { env } from "@/lib/env";
import { safeRedirectPath } from "@/lib/http/safe-redirect";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ reason?: string | string[]; callbackUrl?: string | string[] }>;
}) {
  const sp = await searchParams;
  // Only paths on our own origin are followed after sign-in (no open redirect).
  const next = safeRedirectPath(sp.callbackUrl, { origin: env().appUrl }) ?? "/dashboard";
  // What an email's "remind me tomorrow" link did (app/api/consent/snooze): said above the form.
  const snooze =
    sp.reason === "snoozed"
      ? "done"
      : sp.reason === "snooze_expired" || sp.reason === "snooze_invalid"
        ? "expired"
        : sp.reason === "snooze_failed"
          ? "failed"
          : null;
  return <SignInForm sessionEnded={sp.reason === "session"} snooze={snooze} next={next} />;
}
