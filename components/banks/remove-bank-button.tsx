"use client";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { removeConnectionAction } from "@/app/(app)/banks/actions";
import { useI18n, usePageTexts } from "@/components/providers";
import { banks } from "@/lib/i18n/messages/banks";
import { useAction } from "@/components/use-action";
import { Button } from "@/components/ui/button";

export function RemoveBankButton({ connectionId, bankName }: { connectionId: string; bankName: string }) {
  const { m } = useI18n();
  const banksTexts = usePageTexts(banks);
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const { run, pending, error } = useAction(removeConnectionAction, {
    onSuccess: () => {
      dialog.current?.close();
      router.push("/banks?removed=1");
      router.refresh();
    },
  });
  const confirm = () => run({ connectionId });

  return (
    <>
      <Button variant="secondary" onClick={() => dialog.current?.showModal()}>
        {banksTexts.remove}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={`rm-${connectionId}`}
        className="m-auto max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="p-6">
          <h2 id={`rm-${connectionId}`} className="text-lg font-semibold">
            {banksTexts.removeConfirmTitle(bankName)}
          </h2>
          <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">{banksTexts.removeConfirmBody}</p>
          {error && (
            <p className="mt-3 text-sm font-medium text-red-700 dark:text-red-300" role="status">
              {error.text}
            </p>
          )}
          <div className="mt-5 flex justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              {m.common.cancel}
            </Button>
            <Button variant="danger" disabled={pending} onClick={confirm}>
              {banksTexts.removeConfirm}
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}
