import type { Metadata } from "next";
import { AddBankForm } from "@/components/banks/add-bank-form";
import { PageHeader } from "@/components/ui/card";
import { requireUserPage } from "@/lib/auth/viewer";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Add bank" };

export default async function AddBankPage() {
  await requireUserPage();
  const { m } = await getMessages();
  return (
    <>
      <PageHeader title={m.banks.addTitle} description={m.banks.addIntro} />
      <AddBankForm />
    </>
  );
}
