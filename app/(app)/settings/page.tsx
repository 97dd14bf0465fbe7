import type { Metadata } from "next";
import { DataExport } from "@/components/settings/data-export";
import { DeleteAccount } from "@/components/settings/delete-account";
import { SettingsForm } from "@/components/settings/settings-form";
import { PageHeader } from "@/components/ui/card";
import { requireUserPage } from "@/lib/auth/viewer";
import Link from "next/link";
import { db } from "@/lib/db";
import { outboxAvailable } from "@/lib/data/consent";
import { getDataExportState } from "@/lib/data/data-export";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const viewer = await requireUserPage();
  const { m } = await getMessages();
  const user = await db.user.findUniqueOrThrow({
    where: { id: viewer.id },
    select: { locale: true, theme: true, emailReminders: true, contractAlertEmails: true },
  });
  return (
    <>
      <PageHeader title={m.settings.title} />
      <div className="grid gap-6 md:max-w-2xl">
        <SettingsForm
          locale={(user.locale as "de" | "en" | null) ?? "auto"}
          theme={user.theme}
          emailReminders={user.emailReminders}
          contractAlertEmails={user.contractAlertEmails}
        />
        {outboxAvailable() && (
          <p className="text-sm text-slate-700 dark:text-slate-300">
            {m.consent.outbox.description}{" "}
            <Link href="/settings/outbox" className="font-medium text-brand-700 dark:text-emerald-300 underline">
              {m.consent.outbox.link}
            </Link>
          </p>
        )}
        <p className="text-sm text-slate-700 dark:text-slate-300">
          <Link href="/settings/security" className="font-medium text-brand-700 dark:text-emerald-300 underline">
            {m.security.sessionsTitle} · {m.security.passwordTitle} · {m.security.logTitle}
          </Link>
        </p>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          {m.twoFactor.settingsLinkHint}{" "}
          <Link href="/settings/two-factor" className="font-medium text-brand-700 dark:text-emerald-300 underline">
            {m.twoFactor.settingsLink}
          </Link>
        </p>
        <DataExport state={await getDataExportState(viewer)} />
        <DeleteAccount />
      </div>
    </>
  );
}
