"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { mergeContractsAction, splitContractAction } from "@/app/(app)/contracts/actions";
import { usePageTexts } from "@/components/providers";
import { contracts } from "@/lib/i18n/messages/contracts";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useAction } from "@/components/use-action";

/** Merge another contract into this one, or split chosen payments off into a new contract. */
export function ContractShape({
  contract,
  candidates,
  payments,
}: {
  contract: { id: string; name: string };
  /** Contracts in the same direction it can be merged with. */
  candidates: { id: string; name: string }[];
  /** Its payments, newest first, with a label (date · amount). */
  payments: { id: string; label: string }[];
}) {
  const c = usePageTexts(contracts);
  const router = useRouter();
  const [open, setOpen] = useState<"merge" | "split" | null>(null);
  /** The split form was sent with no payment ticked (nothing to send to the server). */
  const [noneChosen, setNoneChosen] = useState(false);
  const texts = { known: c.errors, fallback: c.errors.generic };
  const done = () => {
    setOpen(null);
    router.refresh();
  };
  const merge = useAction(mergeContractsAction, { texts, onSuccess: done });
  const split = useAction(splitContractAction, { texts, onSuccess: done });
  const error =
    open === "merge"
      ? merge.error?.text
      : open === "split"
        ? noneChosen
          ? c.errors.split_none
          : split.error?.text
        : null;
  const toggle = (which: "merge" | "split") => {
    setNoneChosen(false);
    setOpen((v) => (v === which ? null : which));
  };

  const onMerge = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const otherId = String(new FormData(e.currentTarget).get("otherId") ?? "");
    if (otherId) merge.run({ contractId: contract.id, otherId });
  };
  const onSplit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const transactionIds = f.getAll("transactionId").map(String);
    setNoneChosen(transactionIds.length === 0);
    if (transactionIds.length === 0) return;
    split.run({ contractId: contract.id, transactionIds, name: String(f.get("name") ?? "") });
  };
  const formClass = "space-y-3 rounded-md bg-slate-50 dark:bg-slate-800/50 p-3";
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={buttonClass("ghost", "px-3 py-1")}
          aria-expanded={open === "merge"}
          aria-label={`${c.merge} ${contract.name}`}
          onClick={() => toggle("merge")}
        >
          {c.merge}
        </button>
        {payments.length > 1 && (
          <button
            type="button"
            className={buttonClass("ghost", "px-3 py-1")}
            aria-expanded={open === "split"}
            aria-label={`${c.split} ${contract.name}`}
            onClick={() => toggle("split")}
          >
            {c.split}
          </button>
        )}
      </div>
      {open === "merge" &&
        (candidates.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{c.noMergeCandidates}</p>
        ) : (
          <form onSubmit={onMerge} className={formClass} aria-label={`${c.mergeWith}: ${contract.name}`}>
            <div className="space-y-1">
              <label
                htmlFor={`merge-${contract.id}`}
                className="block text-sm font-medium text-slate-800 dark:text-slate-200"
              >
                {c.mergeWith}
              </label>
              <select
                id={`merge-${contract.id}`}
                name="otherId"
                aria-describedby={`merge-${contract.id}-hint`}
                className="block w-full max-w-md rounded-md border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-3 py-2 text-sm"
              >
                {candidates.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
              <p id={`merge-${contract.id}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
                {c.mergeHint}
              </p>
            </div>
            <button type="submit" className={buttonClass("primary", "px-3 py-1")} disabled={merge.pending}>
              {c.mergeSubmit}
            </button>
          </form>
        ))}
      {open === "split" && (
        <form onSubmit={onSplit} className={formClass} aria-label={`${c.split} ${contract.name}`}>
          <fieldset>
            <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">{c.splitLegend}</legend>
            {/* Columns fill top to bottom: the payments read newest to oldest down each column. */}
            <div className="mt-1 sm:columns-2 sm:gap-x-6">
              {payments.map((p) => (
                <label
                  key={p.id}
                  className="mb-1 flex break-inside-avoid items-center gap-2 text-sm text-slate-800 dark:text-slate-200"
                >
                  <input type="checkbox" name="transactionId" value={p.id} className="h-4 w-4" />
                  {p.label}
                </label>
              ))}
            </div>
          </fieldset>
          <Field
            label={c.splitName}
            name="name"
            id={`split-name-${contract.id}`}
            maxLength={60}
            className="max-w-md"
            error={split.error?.fields.name}
          />
          <button type="submit" className={buttonClass("primary", "px-3 py-1")} disabled={split.pending}>
            {c.splitSubmit}
          </button>
        </form>
      )}
      {error && (
        <p role="alert" className="text-xs font-medium text-red-800 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}
