import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { WizardEmbed } from "@/components/banks/wizard-embed";
import { PageHeader } from "@/components/ui/card";
import { requireUserPage } from "@/lib/auth/viewer";
import { safeReturnTo } from "@/lib/consent/renew-all";
import { getWizardForViewer } from "@/lib/data/banks";
import { env } from "@/lib/env";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Bank login" };

export default async function WizardPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ returnTo?: string }>;
}) {
  const viewer = await requireUserPage();
  const { m } = await getMessages();
  const wizard = await getWizardForViewer(viewer, (await params).id);
  // Not found and not yours look the same; a closed session cannot be reopened.
  if (!wizard || wizard.status !== "OPEN") notFound();
  return (
    <>
      <PageHeader title={m.banks.wizardTitle} description={m.banks.wizardIntro} />
      <WizardEmbed
        wizardId={wizard.id}
        sessionKey={wizard.key}
        purpose={wizard.purpose}
        wizardUrl={env().xs2a.wizardUrl}
        returnTo={safeReturnTo((await searchParams).returnTo)}
      />
    </>
  );
}
