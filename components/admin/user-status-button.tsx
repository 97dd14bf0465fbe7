"use client";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { setUserDisabledAction } from "@/app/admin/users/actions";
import { useI18n, usePageTexts } from "@/components/providers";
import { useAction } from "@/components/use-action";
import { admin } from "@/lib/i18n/messages/admin";
import { Button } from "@/components/ui/button";

/** Disable (after a confirmation) or enable a user; the result is announced where the button is. */
export function UserStatusButton({ userId, email, disabled }: { userId: string; email: string; disabled: boolean }) {
  const { m } = useI18n();
  const a = usePageTexts(admin);
  const t = a.users;
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const setDisabled = useAction(setUserDisabledAction, {
    texts: {
      known: { cannot_disable_self: t.errors.cannot_disable_self, not_found: t.errors.not_found },
      fallback: (res) => a.errors.generic(res.errorId ?? "-"),
    },
    onSuccess: (data) => {
      dialog.current?.close();
      setMessage({ tone: "ok", text: data.disabled ? t.disabledDone(email) : t.enabledDone(email) });
      router.refresh();
    },
    onError: ({ text }) => {
      setMessage({ tone: "error", text });
      return true;
    },
  });
  const { pending } = setDisabled;
  const submit = (nextDisabled: boolean) => setDisabled.run({ userId, disabled: nextDisabled });

  const dialogId = `disable-${userId}`;
  return (
    <div className="space-y-1">
      {disabled ? (
        <Button
          variant="secondary"
          className="px-3 py-1.5"
          disabled={pending}
          onClick={() => submit(false)}
          aria-label={`${t.enable}: ${email}`}
        >
          {t.enable}
        </Button>
      ) : (
        <Button
          variant="secondary"
          className="px-3 py-1.5"
          disabled={pending}
          onClick={() => dialog.current?.showModal()}
          aria-label={`${t.disable}: ${email}`}
        >
          {t.disable}
        </Button>
      )}
      {message && (
        <p
          role="status"
          className={`text-xs font-medium ${message.tone === "ok" ? "text-emerald-800 dark:text-emerald-300" : "text-red-700 dark:text-red-300"}`}
        >
          {message.text}
        </p>
      )}
      <dialog
        ref={dialog}
        aria-labelledby={dialogId}
        className="m-auto max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="p-6">
          <h2 id={dialogId} className="text-lg font-semibold text-slate-900 dark:text-slate-100">
            {t.disableConfirmTitle(email)}
          </h2>
          <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">{t.disableConfirmBody}</p>
          <div className="mt-5 flex justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              {m.common.cancel}
            </Button>
            <Button variant="danger" disabled={pending} onClick={() => submit(true)}>
              {t.disableConfirm}
            </Button>
          </div>
        </div>
      </dialog>
    </div>
  );
}
