import type { Metadata } from "next";
import Link from "next/link";
import { BankCard } from "@/components/banks/bank-card";
import { buttonClass } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { requireUserPage } from "@/lib/auth/viewer";
import { now } from "@/lib/clock";
import { listBanks } from "@/lib/data/banks";
import { getBanksPageHistory } from "@/lib/data/sync";
import { SyncAllButton } from "@/components/sync/sync-all-button";
import { SyncControls } from "@/components/sync/sync-controls";
import { SyncFooter } from "@/components/sync/sync-footer";
import { formatDate } from "@/lib/i18n/format";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Banks" };

export default async function BanksPage({
  searchParams,
}: {
  searchParams: Promise<{ linked?: string; removed?: string; synced?: string; renewed?: string }>;
}) {
  const viewer = await requireUserPage();
  const { m, locale } = await getMessages();
  const [banks, sp, at] = await Promise.all([listBanks(viewer), searchParams, now()]);
  const linked = banks.find((b) => b.id === sp.linked);
  const synced = banks.find((b) => b.id === sp.synced);
  const renewed = banks.find((b) => b.id === sp.renewed);
  const ids = banks.map((b) => b.id);
  const { logs, quarantined } = await getBanksPageHistory(viewer, ids);
  return (
    <>
      <PageHeader
        title={m.banks.title}
        description={m.banks.description}
        actions={
          <>
            {banks.length > 0 && <SyncAllButton />}
            <Link className={buttonClass()} href="/banks/add">
              {m.banks.add}
            </Link>
          </>
        }
      />
      <div className="space-y-4">
        {linked && (
          <Notice tone="success" live>
            {m.banks.linked(linked.name)}
          </Notice>
        )}
        {synced && (
          <Notice tone="success" live>
            {m.banks.syncedViaLogin(synced.name)}
          </Notice>
        )}
        {renewed && (
          <Notice tone="success" live>
            {m.banks.renewedNotice(
              renewed.name,
              renewed.consentValidUntil ? formatDate(renewed.consentValidUntil, locale) : "–",
            )}
          </Notice>
        )}
        {sp.removed && (
          <Notice tone="success" live>
            {m.banks.removed}
          </Notice>
        )}
        {banks.length === 0 ? (
          <EmptyState
            title={m.banks.emptyTitle}
            action={
              <Link className={buttonClass()} href="/banks/add">
                {m.banks.add}
              </Link>
            }
          >
            {m.banks.emptyBody}
          </EmptyState>
        ) : (
          banks.map((b) => (
            <BankCard
              key={b.id}
              bank={b}
              locale={locale}
              now={at}
              actions={
                <SyncControls
                  connectionId={b.id}
                  state={b.state}
                  needsLogin={b.syncNeedsLogin}
                  latestRun={logs[b.id]?.[0] ?? null}
                />
              }
              footer={
                <SyncFooter bank={b} runs={logs[b.id] ?? []} quarantined={quarantined[b.id]} locale={locale} now={at} />
              }
            />
          ))
        )}
      </div>
    </>
  );
}
