import type { Metadata } from "next";
import { AddBankForm } from "@/components/banks/add-bank-form";
import { PageHeader } from "@/components/ui/card";
import { ResendVerification } from "@/components/security/resend-verification";
import { Notice } from "@/components/ui/notice";
import { isEmailVerified } from "@/lib/auth/verify-email";
import { requireUserPage } from "@/lib/auth/viewer";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Add bank" };

export default async function AddBankPage() {
  const viewer = await requireUserPage();
  const { m } = await getMessages();
  // Linking a bank waits for a confirmed email (the action checks it too).
  const verified = await isEmailVerified(viewer);
  return (
    <>
      <PageHeader title={m.banks.addTitle} description={m.banks.addIntro} />
      {verified ? (
        <AddBankForm />
      ) : (
        <div className="md:max-w-2xl">
          <Notice tone="warning" title={m.security.unverifiedTitle} actions={<ResendVerification />}>
            {m.security.unverifiedBody(viewer.email)}
          </Notice>
        </div>
      )}
    </>
  );
}
