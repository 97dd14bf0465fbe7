import type { Metadata } from "next";
import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { confirmEmailChange } from "@/lib/auth/change-email";
import { verifyEmail } from "@/lib/auth/verify-email";
import { getViewer } from "@/lib/auth/viewer";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Confirm email", referrer: "no-referrer" };

/** The links from the verification and the email-change emails. */
export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[]; change?: string | string[] }>;
}) {
  const sp = await searchParams;
  const { m } = await getMessages();
  const t = m.security;
  const viewer = await getViewer();
  const token = typeof sp.token === "string" ? sp.token : "";
  let tone: "success" | "danger" = "danger";
  let text: string;
  if (sp.change === "1") {
    const outcome = await confirmEmailChange({ token, viewer });
    if (outcome.status === "changed") [tone, text] = ["success", t.emailChangeDone(outcome.email)];
    else
      text =
        outcome.status === "wrong_user"
          ? t.verifyWrongUser
          : outcome.status === "taken"
            ? t.emailTakenNow
            : t.tokenInvalid;
  } else {
    const outcome = await verifyEmail({ token, viewer });
    if (outcome === "verified") [tone, text] = ["success", t.verifyDone];
    else text = outcome === "wrong_user" ? t.verifyWrongUser : t.verifyTokenInvalid;
  }
  return (
    <div className="space-y-4 rounded-lg bg-white dark:bg-slate-900 p-6 shadow-sm ring-1 ring-slate-200 dark:ring-slate-700">
      <h1 className="text-xl font-semibold">{t.verifyTitle}</h1>
      <Notice tone={tone}>{text}</Notice>
      <Link
        href={viewer ? "/dashboard" : "/signin"}
        className="block text-center text-sm font-medium text-brand-700 dark:text-emerald-300 underline"
      >
        {viewer ? t.verifyContinue : m.auth.signIn}
      </Link>
    </div>
  );
}
