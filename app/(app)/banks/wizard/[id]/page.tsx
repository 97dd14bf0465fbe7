import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { WizardEmbed } from "@/components/banks/wizard-embed";
import { PageHeader } from "@/components/ui/card";
import { requireUserPage } from "@/lib/auth/viewer";
import { getWizardForViewer } from "@/lib/data/banks";
import { env } from "@/lib/env";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Bank login" };

export default async function WizardPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ returnTo?: string | string[] }>;
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
        // Where the finished wizard goes: a path under /banks/ on our own origin, or nowhere special.
        returnTo={safeRedirectPath((await searchParams).returnTo, { origin: env().appUrl, prefix: "/banks/" })}
      />
    </>
  );
}
