"use client";
import Link from "next/link";
import { useId, useState } from "react";
import { setTransactionDetailsAction } from "@/app/(app)/transactions/actions";
import { useI18n, usePageTexts } from "@/components/providers";
import { ownCategories } from "@/lib/i18n/messages/own-categories";
import { rules } from "@/lib/i18n/messages/rules";
import { StartContract } from "@/components/contracts/start-contract";
import { useOwnCategories } from "@/components/transactions/own-categories";
import { useAction } from "@/components/use-action";
import { Button } from "@/components/ui/button";
import { TransferPairing } from "@/components/transactions/transfer-pairing";
import { categoryName, categoryOptions, tagName } from "@/lib/categories/categories";
import type { TransactionDto } from "@/lib/data/transactions";

/** The expanded part of a row: full texts, and the user's own category and note. */
export function TransactionDetails({
  tx,
  onSaved,
}: {
  tx: TransactionDto;
  onSaved: (next: Partial<TransactionDto>) => void;
}) {
  const { m, locale } = useI18n();
  const rulesTexts = usePageTexts(rules);
  const ownCategoriesTexts = usePageTexts(ownCategories);
  const t = m.transactions;
  const { options: own } = useOwnCategories();
  const id = useId();
  const [category, setCategory] = useState(tx.userCategory ?? "");
  const [note, setNote] = useState(tx.note ?? "");
  const [tags, setTags] = useState(tx.userTags.join(", "));
  const [state, setState] = useState<"idle" | "saved" | "error" | "tooLong">("idle");
  const [refusal, setRefusal] = useState("");
  const options = categoryOptions(locale);
  const { run, pending } = useAction(setTransactionDetailsAction, {
    texts: { fallback: t.saveFailed },
    onSuccess: (data) => {
      setState("saved");
      onSaved({
        userCategory: data.userCategory,
        note: data.note,
        userTags: data.tags ?? tx.userTags,
        categoryByRule: tx.categoryByRule && data.userCategory === tx.userCategory,
      });
    },
    onError: ({ text }) => {
      setRefusal(text);
      setState("error");
      return true;
    },
  });

  function save(e: React.FormEvent) {
    e.preventDefault();
    if (note.length > 500) return setState("tooLong");
    const userTags = [
      ...new Set(
        tags
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ];
    run({ transactionId: tx.id, userCategory: category, note, tags: userTags });
  }

  return (
    <div className="grid gap-4 border-t border-slate-200 dark:border-slate-700 bg-slate-50 dark:bg-slate-800/50 px-4 py-4 text-sm md:grid-cols-2">
      <dl className="space-y-2">
        {tx.counterpartyName && (
          <div>
            <dt className="text-xs font-medium text-slate-600 dark:text-slate-400">{t.counterparty}</dt>
            <dd className="break-words text-slate-900 dark:text-slate-100">
              {tx.counterpartyName}
              {tx.ruleCounterparty && tx.ruleCounterparty !== tx.counterpartyName ? ` (→ ${tx.ruleCounterparty})` : ""}
            </dd>
          </div>
        )}
        {tx.counterpartyIban && (
          <div>
            <dt className="text-xs font-medium text-slate-600 dark:text-slate-400">{t.counterpartyIban}</dt>
            <dd className="font-mono text-slate-900 dark:text-slate-100">{tx.counterpartyIban}</dd>
          </div>
        )}
        <div>
          <dt className="text-xs font-medium text-slate-600 dark:text-slate-400">{t.purpose}</dt>
          <dd className="whitespace-pre-line break-words text-slate-900 dark:text-slate-100">{tx.purpose || "—"}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-slate-600 dark:text-slate-400">{t.account}</dt>
          <dd className="text-slate-900 dark:text-slate-100">
            {tx.accountName} · {tx.bankName}
          </dd>
        </div>
        {tx.categoryId && (
          <div>
            <dt className="text-xs font-medium text-slate-600 dark:text-slate-400">
              {m.categories.fromBank(categoryName(tx.categoryId, locale))}
            </dt>
            {tx.tags.length > 0 && (
              <dd className="mt-1 flex flex-wrap gap-1">
                {tx.tags.map((tag) => (
                  <span
                    key={tag}
                    className="rounded bg-white dark:bg-slate-900 px-1.5 py-0.5 text-xs text-slate-700 dark:text-slate-300 ring-1 ring-slate-300 dark:ring-slate-600"
                  >
                    {tagName(tag, locale)}
                  </span>
                ))}
              </dd>
            )}
          </div>
        )}
      </dl>
      <form onSubmit={save} className="space-y-3" aria-label={t.details}>
        <div className="space-y-1">
          <label htmlFor={`${id}-cat`} className="block text-xs font-medium text-slate-700 dark:text-slate-300">
            {m.categories.yours}
          </label>
          <select
            id={`${id}-cat`}
            value={category}
            onChange={(e) => {
              setCategory(e.target.value);
              setState("idle");
            }}
            aria-describedby={`${id}-cat-hint`}
            className="block w-full rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-2 py-2 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30"
          >
            <option value="">{m.categories.useBank}</option>
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
          <p id={`${id}-cat-hint`} className="text-xs text-slate-600 dark:text-slate-400">
            {tx.categoryByRule && category === tx.userCategory ? `${rulesTexts.setByRule}. ` : ""}
            {t.yourCategoryHint}
          </p>
        </div>
        <div className="space-y-1">
          <label htmlFor={`${id}-tags`} className="block text-xs font-medium text-slate-700 dark:text-slate-300">
            {m.categories.yourTags}
          </label>
          <input
            id={`${id}-tags`}
            value={tags}
            maxLength={400}
            onChange={(e) => {
              setTags(e.target.value);
              setState("idle");
            }}
            aria-describedby={`${id}-tags-hint`}
            className="block w-full rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-2 py-2 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30"
          />
          <p id={`${id}-tags-hint`} className="text-xs text-slate-600 dark:text-slate-400">
            {rulesTexts.tagsHint}
            {tx.ruleTags.length > 0 ? ` · ${m.categories.ruleTags(tx.ruleTags.join(", "))}` : ""}
          </p>
        </div>
        <div className="space-y-1">
          <label htmlFor={`${id}-note`} className="block text-xs font-medium text-slate-700 dark:text-slate-300">
            {t.note}
          </label>
          <textarea
            id={`${id}-note`}
            value={note}
            rows={2}
            maxLength={500}
            placeholder={t.notePlaceholder}
            onChange={(e) => {
              setNote(e.target.value);
              setState("idle");
            }}
            aria-invalid={state === "tooLong" || undefined}
            className="block w-full rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-2 py-2 text-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30"
          />
        </div>
        <div className="flex items-center gap-3">
          <Button type="submit" variant="secondary" disabled={pending}>
            {pending ? t.saving : t.save}
          </Button>
          <Link
            href={`/rules?from=${tx.id}`}
            className="text-sm font-medium text-brand-700 dark:text-emerald-300 underline"
          >
            {rulesTexts.createFromTransaction}
          </Link>
          <span
            role="status"
            aria-live="polite"
            className={`text-sm ${state === "saved" ? "text-emerald-800 dark:text-emerald-300" : "text-red-700 dark:text-red-300"}`}
          >
            {state === "saved" ? t.saved : state === "error" ? refusal : state === "tooLong" ? t.noteTooLong : ""}
          </span>
        </div>
      </form>
      {tx.status === "BOOKED" && <StartContract transactionId={tx.id} />}
      <TransferPairing tx={tx} onChanged={onSaved} />
    </div>
  );
}
