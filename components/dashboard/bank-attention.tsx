import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { ATTENTION_STATES } from "@/lib/connections/data-health";
import type { BankConnectionDto } from "@/lib/data/banks";
import type { Messages } from "@/lib/i18n/messages";

/** What is wrong with a bank, in the words of its card's badge; null when nothing is. */
export function attentionLabel(bank: BankConnectionDto, m: Messages["banks"]): string | null {
  if (ATTENTION_STATES.includes(bank.state)) return m.states[bank.state].label;
  if (bank.lastAttempt) return m.attentionLabels.last_failed;
  if (bank.staleDays !== null) return m.stale(bank.staleDays);
  return null;
}

/** On the dashboard: the banks whose data is not being kept fresh (failing, disabled, expired, old). */
export function BankAttention({ banks, m }: { banks: BankConnectionDto[]; m: Messages }) {
  const flagged = banks.flatMap((b) => {
    const label = attentionLabel(b, m.banks);
    return label ? [{ id: b.id, name: b.name, label }] : [];
  });
  if (flagged.length === 0) return null;
  return (
    <section data-testid="bank-attention" aria-label={m.banks.attentionTitle}>
      <Notice
        tone="warning"
        title={m.banks.attentionTitle}
        actions={
          <Link href="/banks" className="text-sm font-medium text-amber-950 dark:text-amber-100 underline">
            {m.banks.attentionGoTo}
          </Link>
        }
      >
        <ul className="space-y-0.5">
          {flagged.map((b) => (
            <li key={b.id}>
              <span className="font-medium">{b.name}</span>: {b.label}
            </li>
          ))}
        </ul>
      </Notice>
    </section>
  );
}
