"use client";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { saveBudgetAction } from "@/app/(app)/budgets/actions";
import { useI18n, usePageTexts } from "@/components/providers";
import { ownCategories } from "@/lib/i18n/messages/own-categories";
import { useAction } from "@/components/use-action";
import { useOwnCategories } from "@/components/transactions/own-categories";
import { Button } from "@/components/ui/button";
import { categoryOptions } from "@/lib/categories/categories";

const field =
  "block w-full rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-2 py-2 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30";

/** Set a monthly amount for a spending category (an existing budget of it is updated). */
export function BudgetForm({ currencies }: { currencies: string[] }) {
  const { m, locale } = useI18n();
  const ownCategoriesTexts = usePageTexts(ownCategories);
  const b = m.budgets;
  const id = useId();
  const router = useRouter();
  const [category, setCategory] = useState("");
  const [amount, setAmount] = useState("");
  const [currency, setCurrency] = useState(currencies[0] ?? "EUR");
  const [rollover, setRollover] = useState(false);
  const [emailAlerts, setEmailAlerts] = useState(false);
  const [done, setDone] = useState(false);
  const options = categoryOptions(locale).filter((o) => o.id.startsWith("K"));
  const own = useOwnCategories().options;
  const save = useAction(saveBudgetAction, {
    texts: { known: b.errors },
    onSuccess: () => {
      setDone(true);
      setAmount("");
      router.refresh();
    },
  });
  const fieldError = (name: string) => save.error?.fields[name];

  return (
    <form
      className="grid gap-4 sm:grid-cols-2"
      aria-label={b.newBudget}
      onSubmit={(e) => {
        e.preventDefault();
        setDone(false);
        save.run({ category, amount, currency, rollover, emailAlerts });
      }}
    >
      <div className="space-y-1">
        <label htmlFor={`${id}-cat`} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          {b.category}
        </label>
        <select
          id={`${id}-cat`}
          value={category}
          onChange={(e) => setCategory(e.target.value)}
          className={field}
          aria-invalid={!!fieldError("category") || undefined}
          aria-describedby={fieldError("category") ? `${id}-cat-err` : undefined}
        >
          <option value="">—</option>
          {own.length > 0 && (
            <optgroup label={ownCategoriesTexts.ownGroup}>
              {own.map((o) => (
                <option key={o.ref} value={o.ref}>
                  {o.fullName}
                </option>
              ))}
            </optgroup>
          )}
          <optgroup label={ownCategoriesTexts.bankGroup}>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {"\u00A0\u00A0".repeat(o.depth) + o.name}
              </option>
            ))}
          </optgroup>
        </select>
        {fieldError("category") && (
          <p id={`${id}-cat-err`} className="text-xs text-red-700 dark:text-red-300">
            {fieldError("category")}
          </p>
        )}
      </div>
      <div className="grid grid-cols-[1fr_6rem] gap-2">
        <div className="space-y-1">
          <label htmlFor={`${id}-amount`} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
            {b.amount}
          </label>
          <input
            id={`${id}-amount`}
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            className={field}
            aria-invalid={!!fieldError("amount") || undefined}
            aria-describedby={`${id}-amount-hint`}
          />
          <p
            id={`${id}-amount-hint`}
            className={`text-xs ${fieldError("amount") ? "text-red-700 dark:text-red-300" : "text-slate-600 dark:text-slate-400"}`}
          >
            {fieldError("amount") ?? b.amountHint}
          </p>
        </div>
        <div className="space-y-1">
          <label htmlFor={`${id}-cur`} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
            {b.currency}
          </label>
          <select id={`${id}-cur`} value={currency} onChange={(e) => setCurrency(e.target.value)} className={field}>
            {currencies.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="space-y-2 sm:col-span-2">
        <label className="flex items-center gap-2 text-sm text-slate-800 dark:text-slate-200">
          <input type="checkbox" checked={rollover} onChange={(e) => setRollover(e.target.checked)} />
          {b.rollover}
        </label>
        <label className="flex items-center gap-2 text-sm text-slate-800 dark:text-slate-200">
          <input type="checkbox" checked={emailAlerts} onChange={(e) => setEmailAlerts(e.target.checked)} />
          {b.emailAlerts}
        </label>
      </div>
      <div className="flex items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={save.pending}>
          {save.pending ? b.creating : b.create}
        </Button>
        <span
          role="status"
          aria-live="polite"
          className={`text-sm ${save.error ? "text-red-700 dark:text-red-300" : "text-emerald-800 dark:text-emerald-300"}`}
        >
          {save.error && Object.keys(save.error.fields).length === 0 ? save.error.text : done ? b.created : ""}
        </span>
      </div>
    </form>
  );
}
