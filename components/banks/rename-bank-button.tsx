"use client";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { renameConnectionAction } from "@/app/(app)/banks/actions";
import { useI18n } from "@/components/providers";
import { useAction } from "@/components/use-action";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

/** "Rename": the bank login's own name, used wherever Saldo names it; empty = the default again. */
export function RenameBankButton({
  connectionId,
  name,
  ownName,
  defaultName,
}: {
  connectionId: string;
  name: string;
  ownName: string | null;
  defaultName: string;
}) {
  const { m } = useI18n();
  const t = m.bankNames;
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const { run, pending, error } = useAction(renameConnectionAction, {
    texts: { known: t.errors },
    onSuccess: () => {
      dialog.current?.close();
      router.refresh();
    },
  });
  const fieldError = error?.fields?.name ?? (error && !error.fields?.name ? error.text : undefined);

  return (
    <>
      <Button variant="secondary" onClick={() => dialog.current?.showModal()}>
        {t.rename}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={`rn-${connectionId}`}
        className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <form
          className="p-6"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            run({ connectionId, name: String(new FormData(e.currentTarget).get("name") ?? "") });
          }}
        >
          <h2 id={`rn-${connectionId}`} className="text-lg font-semibold">
            {t.renameTitle(name)}
          </h2>
          <div className="mt-4">
            <Field
              id={`rn-${connectionId}-name`}
              label={t.nameLabel}
              name="name"
              defaultValue={ownName ?? ""}
              maxLength={60}
              autoComplete="off"
              hint={t.nameHint(defaultName)}
              error={fieldError}
            />
          </div>
          <div className="mt-5 flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
              {m.common.cancel}
            </Button>
            <Button type="submit" disabled={pending}>
              {t.save}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
