"use client";
import { useRouter } from "next/navigation";
import { deleteBudgetAction } from "@/app/(app)/budgets/actions";
import { useI18n } from "@/components/providers";
import { useAction } from "@/components/use-action";
import { Button } from "@/components/ui/button";

export function DeleteBudgetButton({ budgetId, label }: { budgetId: string; label: string }) {
  const { m } = useI18n();
  const router = useRouter();
  const remove = useAction(deleteBudgetAction, {
    texts: { known: m.budgets.errors },
    onSuccess: () => router.refresh(),
  });
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant="ghost"
        className="!px-2 !py-1 text-xs"
        disabled={remove.pending}
        onClick={() => remove.run({ budgetId })}
      >
        {remove.pending ? m.budgets.removing : label}
      </Button>
      {remove.error && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-300">
          {remove.error.text}
        </span>
      )}
    </span>
  );
}
