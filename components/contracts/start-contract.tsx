"use client";
import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { markContractStartAction } from "@/app/(app)/contracts/actions";
import { usePageTexts } from "@/components/providers";
import { contracts } from "@/lib/i18n/messages/contracts";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useAction } from "@/components/use-action";

const CADENCES = ["monthly", "weekly", "quarterly", "half-yearly", "yearly"] as const;

/** In a transaction's details: mark this booked payment as the start of a contract. */
export function StartContract({ transactionId }: { transactionId: string }) {
  const c = usePageTexts(contracts);
  const id = useId();
  const [done, setDone] = useState(false);
  const { run, pending, error } = useAction(markContractStartAction, {
    texts: { known: c.errors, fallback: c.errors.generic },
    onSuccess: () => setDone(true),
  });
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    run({
      transactionId,
      cadence: String(f.get("cadence")) as (typeof CADENCES)[number],
      name: String(f.get("name") ?? ""),
    });
  };
  return (
    <form onSubmit={onSubmit} className="space-y-3 md:col-span-2" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="text-xs font-medium text-slate-700 dark:text-slate-300">
        {c.startTitle}
      </h3>
      <p className="text-xs text-slate-600 dark:text-slate-400">{c.startHint}</p>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor={`${id}-cadence`} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
            {c.startCadence}
          </label>
          <select
            id={`${id}-cadence`}
            name="cadence"
            className="block w-full rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-3 py-2 text-sm"
          >
            {CADENCES.map((k) => (
              <option key={k} value={k}>
                {c.cadence[k]}
              </option>
            ))}
          </select>
        </div>
        <Field label={c.startName} name="name" id={`${id}-name`} maxLength={60} error={error?.fields.name} />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClass("secondary")} disabled={pending || done}>
          {c.startSubmit}
        </button>
        <span role="status" aria-live="polite" className="text-sm text-emerald-800 dark:text-emerald-300">
          {done && (
            <>
              {c.startDone}{" "}
              <Link href="/contracts" className="font-medium text-brand-800 dark:text-emerald-300 underline">
                {c.openContracts}
              </Link>
            </>
          )}
        </span>
      </div>
      {error && Object.keys(error.fields).length === 0 && (
        <p role="alert" className="text-xs font-medium text-red-800 dark:text-red-300">
          {error.text}
        </p>
      )}
    </form>
  );
}
