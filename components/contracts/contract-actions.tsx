"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { updateContractAction } from "@/app/(app)/contracts/actions";
import { usePageTexts } from "@/components/providers";
import { contracts } from "@/lib/i18n/messages/contracts";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useAction } from "@/components/use-action";

/** Confirm / dismiss / undo, and the edit form (name, end date, notice period) of one contract. */
export function ContractActions({
  contract,
}: {
  contract: {
    id: string;
    name: string;
    userName: string | null;
    status: "SUGGESTED" | "CONFIRMED" | "DISMISSED";
    endDate: string | null;
    noticeDays: number | null;
  };
}) {
  const c = usePageTexts(contracts);
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const { run, pending, error } = useAction(updateContractAction, {
    texts: { known: c.errors, fallback: c.errors.generic },
    onSuccess: () => {
      setEditing(false);
      router.refresh();
    },
  });
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const notice = String(f.get("noticeDays") ?? "").trim();
    run({
      contractId: contract.id,
      name: String(f.get("name") ?? ""),
      endDate: String(f.get("endDate") ?? ""),
      noticeDays: notice === "" ? null : Number(notice),
    });
  };
  const fieldError = (name: string) => error?.fields[name];
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {contract.status === "SUGGESTED" ? (
          <>
            <button
              type="button"
              className={buttonClass("secondary", "px-3 py-1")}
              disabled={pending}
              aria-label={`${c.confirm}: ${contract.name}`}
              onClick={() => run({ contractId: contract.id, status: "CONFIRMED" })}
            >
              {c.confirm}
            </button>
            <button
              type="button"
              className={buttonClass("ghost", "px-3 py-1")}
              disabled={pending}
              aria-label={`${c.dismiss}: ${contract.name}`}
              onClick={() => run({ contractId: contract.id, status: "DISMISSED" })}
            >
              {c.dismiss}
            </button>
          </>
        ) : (
          <button
            type="button"
            className={buttonClass("ghost", "px-3 py-1")}
            disabled={pending}
            aria-label={`${c.undo}: ${contract.name}`}
            onClick={() => run({ contractId: contract.id, status: "SUGGESTED" })}
          >
            {c.undo}
          </button>
        )}
        {contract.status !== "DISMISSED" && (
          <button
            type="button"
            className={buttonClass("ghost", "px-3 py-1")}
            aria-expanded={editing}
            aria-label={`${c.edit}: ${contract.name}`}
            onClick={() => setEditing((v) => !v)}
          >
            {c.edit}
          </button>
        )}
      </div>
      {editing && (
        <form
          onSubmit={onSubmit}
          className="grid gap-3 rounded-md bg-slate-50 dark:bg-slate-800/50 p-3 sm:grid-cols-3"
          noValidate
        >
          <Field
            label={c.nameLabel}
            name="name"
            id={`name-${contract.id}`}
            defaultValue={contract.userName ?? contract.name}
            maxLength={60}
            error={fieldError("name")}
          />
          <Field
            label={c.endDateLabel}
            name="endDate"
            id={`end-${contract.id}`}
            type="date"
            defaultValue={contract.endDate ?? ""}
            hint={c.endDateHint}
            error={fieldError("endDate")}
          />
          <Field
            label={c.noticeLabel}
            name="noticeDays"
            id={`notice-${contract.id}`}
            type="number"
            min={0}
            max={730}
            inputMode="numeric"
            defaultValue={contract.noticeDays ?? ""}
            error={fieldError("noticeDays")}
          />
          <div className="flex gap-2 sm:col-span-3">
            <button type="submit" className={buttonClass("primary", "px-3 py-1")} disabled={pending}>
              {c.save}
            </button>
            <button type="button" className={buttonClass("ghost", "px-3 py-1")} onClick={() => setEditing(false)}>
              {c.cancel}
            </button>
          </div>
        </form>
      )}
      {error && Object.keys(error.fields).length === 0 && (
        <p role="alert" className="text-xs font-medium text-red-800 dark:text-red-300">
          {error.text}
        </p>
      )}
    </div>
  );
}
