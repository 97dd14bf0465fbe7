"use client";
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { startLinkAction } from "@/app/(app)/banks/actions";
import { useI18n, usePageTexts } from "@/components/providers";
import { banks } from "@/lib/i18n/messages/banks";
import { useAction } from "@/components/use-action";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { queryKeys } from "@/lib/query-keys";

type Mode = "FULL" | "SHARED" | "NONE";
type BankHit = { name: string; bic: string | null; bankCode: string | null; city: string | null };

export function AddBankForm() {
  const { m } = useI18n();
  const banksTexts = usePageTexts(banks);
  const router = useRouter();
  const [mode, setMode] = useState<Mode>("FULL");
  const [selected, setSelected] = useState<BankHit | null>(null);
  const { run, pending, error } = useAction(startLinkAction, {
    texts: { known: { email_unverified: m.security.unverifiedTitle } },
    onSuccess: (data) => router.push(`/banks/wizard/${data.wizardId}`),
  });

  const submit = () => run({ syncMode: mode, ...(selected?.bic ? { bic: selected.bic } : {}) });

  return (
    <div className="grid gap-6 md:max-w-2xl">
      <Card>
        <fieldset>
          <legend className="mb-3 text-base font-semibold">{banksTexts.syncModeLegend}</legend>
          <div className="space-y-3">
            {(["FULL", "SHARED", "NONE"] as const).map((value) => (
              <label
                key={value}
                className={`flex cursor-pointer gap-3 rounded-md p-3 ring-1 ${mode === value ? "bg-brand-50 dark:bg-emerald-950/40 ring-brand-600" : "ring-slate-200 dark:ring-slate-700 hover:bg-slate-50 dark:hover:bg-slate-800/50"}`}
              >
                <input
                  type="radio"
                  name="syncMode"
                  value={value}
                  checked={mode === value}
                  onChange={() => setMode(value)}
                  className="mt-1"
                  aria-describedby={`mode-${value}`}
                />
                <span>
                  <span className="block text-sm font-semibold">{banksTexts.modes[value].title}</span>
                  <span id={`mode-${value}`} className="mt-0.5 block text-sm text-slate-700 dark:text-slate-300">
                    {banksTexts.modes[value].body}
                  </span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      </Card>
      <Card>
        <BankSearch selected={selected} onSelect={setSelected} />
      </Card>
      {error && (
        <Notice tone="danger" live>
          {error.text}
        </Notice>
      )}
      <div>
        <Button onClick={submit} disabled={pending}>
          {pending ? banksTexts.starting : banksTexts.continue}
        </Button>
      </div>
    </div>
  );
}

function BankSearch({ selected, onSelect }: { selected: BankHit | null; onSelect: (b: BankHit | null) => void }) {
  const { m } = useI18n();
  const banksTexts = usePageTexts(banks);
  const id = useId();
  const [q, setQ] = useState("");
  const term = q.trim();
  const { data, isFetching, isError } = useQuery({
    queryKey: queryKeys.bankSearch(term),
    enabled: term.length >= 2,
    queryFn: async ({ signal }) => {
      const res = await fetch(`/api/banks/search?q=${encodeURIComponent(term)}`, { signal });
      if (!res.ok) throw new Error(String(res.status));
      return ((await res.json()) as { banks: BankHit[] }).banks;
    },
  });
  if (selected) {
    return (
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm font-medium">
          {banksTexts.searchSelected(`${selected.name}${selected.bankCode ? ` (${selected.bankCode})` : ""}`)}
        </p>
        <Button variant="ghost" onClick={() => onSelect(null)}>
          {banksTexts.clearSelection}
        </Button>
      </div>
    );
  }
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-semibold">
        {banksTexts.searchLabel}
      </label>
      <p id={`${id}-hint`} className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">
        {banksTexts.searchHint}
      </p>
      <input
        id={id}
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        aria-describedby={`${id}-hint`}
        aria-controls={`${id}-results`}
        autoComplete="off"
        className="mt-2 block w-full rounded-md border border-slate-300 dark:border-slate-600 px-3 py-2 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30"
      />
      <div id={`${id}-results`} aria-live="polite" className="mt-2">
        {term.length >= 2 && isFetching && (
          <p className="text-sm text-slate-600 dark:text-slate-400">{m.common.loading}</p>
        )}
        {isError && <p className="text-sm text-red-700 dark:text-red-300">{m.common.serviceUnavailable}</p>}
        {data && data.length === 0 && !isFetching && (
          <p className="text-sm text-slate-600 dark:text-slate-400">{banksTexts.searchNoResults}</p>
        )}
        {data && data.length > 0 && (
          <ul className="divide-y divide-slate-100 dark:divide-slate-800 rounded-md ring-1 ring-slate-200 dark:ring-slate-700">
            {data.map((b) => (
              <li key={`${b.bankCode}-${b.bic}`}>
                <button
                  type="button"
                  onClick={() => onSelect(b)}
                  className="w-full px-3 py-2 text-left text-sm hover:bg-slate-50 dark:hover:bg-slate-800/50 focus:bg-slate-50 dark:focus:bg-slate-800/50"
                >
                  <span className="font-medium">{b.name}</span>
                  <span className="ml-2 text-slate-600 dark:text-slate-400">
                    {[b.bankCode, b.bic, b.city].filter(Boolean).join(" · ")}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
