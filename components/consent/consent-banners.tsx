import Link from "next/link";
import { RenewButton } from "@/components/consent/renew-button";
import { SnoozeButton } from "@/components/consent/snooze-button";
import { buttonClass } from "@/components/ui/button";
import type { ConsentBannerDto } from "@/lib/data/consent";
import { formatDate } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locale";
import { messages } from "@/lib/i18n/messages";

const MAX_ROWS = 3;

/** Calm at 14 days, warmer at 7, urgent at 3 and 1, red on the day and after. */
function tone(step: number) {
  if (step <= 0)
    return {
      row: "bg-red-50 dark:bg-red-950/40 text-red-950 dark:text-red-100 border-red-200 dark:border-red-800",
      dot: "bg-red-600",
    };
  if (step <= 3)
    return {
      row: "bg-orange-50 dark:bg-orange-950/40 text-orange-950 dark:text-orange-100 border-orange-200 dark:border-orange-800",
      dot: "bg-orange-500",
    };
  if (step <= 7)
    return {
      row: "bg-amber-50 dark:bg-amber-950/40 text-amber-950 dark:text-amber-100 border-amber-200 dark:border-amber-800",
      dot: "bg-amber-500",
    };
  return {
    row: "bg-sky-50 dark:bg-sky-950/40 text-sky-950 dark:text-sky-100 border-sky-200 dark:border-sky-800",
    dot: "bg-sky-500",
  };
}

/** Consent reminders under the header of every signed-in page. Renders nothing when none is due. */
export function ConsentBanners({
  banners,
  dueCount,
  locale,
}: {
  banners: ConsentBannerDto[];
  dueCount: number;
  locale: Locale;
}) {
  if (banners.length === 0) return null;
  const m = messages(locale);
  const t = m.consent.banner;
  const shown = banners.slice(0, MAX_ROWS);
  const hidden = banners.length - shown.length;
  return (
    <section aria-label={t.region} data-testid="consent-banners">
      <ul>
        {shown.map((b) => {
          const bank = b.bankName ?? m.banks.unknownBank;
          const c = tone(b.step);
          return (
            <li key={b.connectionId} className={`border-b ${c.row}`} data-testid="consent-banner" data-step={b.step}>
              <div className="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center sm:justify-between">
                <div className="flex min-w-0 items-start gap-3">
                  <span aria-hidden className={`mt-1.5 h-2.5 w-2.5 shrink-0 rounded-full ${c.dot}`} />
                  <div className="min-w-0 text-sm">
                    <p className="font-semibold">
                      {t.message(bank, formatDate(b.validUntil, locale), b.step, b.daysLeft)}
                    </p>
                    {b.step >= 0 && <p className="mt-0.5 hidden opacity-90 sm:block">{t.hint}</p>}
                  </div>
                </div>
                <div className="flex shrink-0 flex-wrap items-center gap-2 pl-5 sm:pl-0">
                  <RenewButton
                    connectionId={b.connectionId}
                    label={t.renewNow}
                    ariaLabel={t.renewNowFor(bank)}
                    returnTo={`/banks/renew?done=${b.connectionId}`}
                  />
                  {b.canSnooze && <SnoozeButton connectionId={b.connectionId} bankName={bank} />}
                </div>
              </div>
            </li>
          );
        })}
      </ul>
      {(dueCount > 1 || hidden > 0) && (
        <div className="border-b border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm">
            <p className="text-slate-700 dark:text-slate-300">
              {hidden > 0 ? t.more(hidden) : dueCount > 1 ? t.dueSummary(dueCount) : ""}
            </p>
            {dueCount > 1 && (
              <Link href="/banks/renew?all=1" className={buttonClass("secondary", "py-1.5")}>
                {t.renewAll(dueCount)}
              </Link>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
