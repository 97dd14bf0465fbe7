"use client";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { removeConnectionAction } from "@/app/(app)/banks/actions";
import { useI18n } from "@/components/providers";
import { commonRefusal } from "@/lib/actions/refusal";
import { Button } from "@/components/ui/button";

export function RemoveBankButton({ connectionId, bankName }: { connectionId: string; bankName: string }) {
  const { m } = useI18n();
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const confirm = () =>
    start(async () => {
      const res = await removeConnectionAction({ connectionId });
      if (res.ok) {
        dialog.current?.close();
        router.push("/banks?removed=1");
        router.refresh();
      } else if (res.code === "unauthenticated") router.push("/signin?reason=session");
      else
        setError(
          res.code === "unavailable"
            ? m.banks.errors.unavailable
            : (commonRefusal(res, m.common) ?? m.common.errorGeneric(res.errorId ?? "-")),
        );
    });

  return (
    <>
      <Button variant="secondary" onClick={() => dialog.current?.showModal()}>
        {m.banks.remove}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={`rm-${connectionId}`}
        className="m-auto max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="p-6">
          <h2 id={`rm-${connectionId}`} className="text-lg font-semibold">
            {m.banks.removeConfirmTitle(bankName)}
          </h2>
          <p className="mt-2 text-sm text-slate-700">{m.banks.removeConfirmBody}</p>
          {error && (
            <p className="mt-3 text-sm font-medium text-red-700" role="status">
              {error}
            </p>
          )}
          <div className="mt-5 flex justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              {m.common.cancel}
            </Button>
            <Button variant="danger" disabled={pending} onClick={confirm}>
              {m.banks.removeConfirm}
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}
