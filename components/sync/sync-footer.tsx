import type { BankConnectionDto } from "@/lib/data/banks";
import type { QuarantinedItemsDto, SyncRunDto } from "@/lib/data/sync";
import { formatDateTime, formatRelative } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locale";
import { messages } from "@/lib/i18n/messages";
import { nextScheduledSync } from "@/lib/sync/next-scheduled-sync";
import { SyncLog } from "./sync-log";

/** Under a bank: when it refreshes next (or why it does not), a fall-back or its end, and the log. */
export function SyncFooter({
  bank,
  runs,
  quarantined,
  locale,
  now,
}: {
  bank: BankConnectionDto;
  runs: SyncRunDto[];
  /** The bank's turnovers Saldo could not read and keeps aside. */
  quarantined?: QuarantinedItemsDto;
  locale: Locale;
  now: Date;
}) {
  const t = messages(locale).sync;
  const automatic = bank.syncMode !== "NONE" && ["ok", "failing", "consent_expiring"].includes(bank.state);
  // Back on `full`: the latest run worked after one that needed the login or was refused.
  const recovered =
    bank.syncMode === "FULL" &&
    bank.state === "ok" &&
    runs[0]?.status === "SUCCEEDED" &&
    runs.slice(1, 4).some((r) => r.errorCode === "needs_login" || r.errorCode === "sync_failed");
  return (
    <div className="space-y-2">
      {bank.state === "needs_manual_sync" && (
        <p data-testid="sync-fell-back" className="text-sm text-amber-900 dark:text-amber-200">
          {t.fellBack}
        </p>
      )}
      {bank.state === "consent_expired" && (
        <p className="text-sm text-slate-700 dark:text-slate-300">{t.consentExpiredHint}</p>
      )}
      {bank.state === "disabled" && <p className="text-sm text-slate-700 dark:text-slate-300">{t.relinkHint}</p>}
      {recovered && (
        <p data-testid="sync-recovered" className="text-sm text-emerald-800 dark:text-emerald-300">
          {t.backToFull}
        </p>
      )}
      {automatic && (
        <p data-testid="next-refresh" className="text-sm text-slate-600 dark:text-slate-400">
          {t.nextRefresh(
            `${formatRelative(nextScheduledSync(now), now, locale)} (${formatDateTime(nextScheduledSync(now), locale)})`,
          )}
        </p>
      )}
      {bank.syncMode === "NONE" && bank.state !== "disabled" && bank.state !== "consent_expired" && (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t.noAutoRefresh}</p>
      )}
      <SyncLog runs={runs} quarantined={quarantined} locale={locale} />
    </div>
  );
}
