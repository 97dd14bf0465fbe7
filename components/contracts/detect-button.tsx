"use client";
import { useRouter } from "next/navigation";
import { detectContractsAction } from "@/app/(app)/contracts/actions";
import { usePageTexts } from "@/components/providers";
import { contracts } from "@/lib/i18n/messages/contracts";
import { buttonClass } from "@/components/ui/button";
import { useAction } from "@/components/use-action";

/** Runs contract detection now (it also runs after every import). */
export function DetectButton() {
  const c = usePageTexts(contracts);
  const router = useRouter();
  const { run, pending, error } = useAction(detectContractsAction, {
    texts: { known: c.errors, fallback: c.errors.generic },
    onSuccess: () => router.refresh(),
  });
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <button type="button" className={buttonClass("secondary")} disabled={pending} onClick={() => run({})}>
        {pending ? c.detecting : c.detectNow}
      </button>
      {error && (
        <span role="alert" className="text-xs font-medium text-red-800 dark:text-red-300">
          {error.text}
        </span>
      )}
    </span>
  );
}
