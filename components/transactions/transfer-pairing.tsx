"use client";
import { useState } from "react";
import { pairTransferAction, transferCandidatesAction, unpairTransferAction } from "@/app/(app)/transactions/actions";
import { useI18n } from "@/components/providers";
import { useAction } from "@/components/use-action";
import { Button } from "@/components/ui/button";
import { formatDate, formatMoney } from "@/lib/i18n/format";
import type { TransactionDto } from "@/lib/data/transactions";
import type { TransferCandidateDto } from "@/lib/transfers/pair-transfers";

/**
 * In a row's details: the own transfer it is paired with (and "unpair"), or the rows it may be
 * paired with by hand. `onChanged` gets the new peer (null after unpairing).
 */
export function TransferPairing({
  tx,
  onChanged,
}: {
  tx: TransactionDto;
  onChanged: (peer: { transferPeerId: string | null; transferPeerAccount: string | null }) => void;
}) {
  const { m, locale } = useI18n();
  const t = m.budgets.transfer;
  const [status, setStatus] = useState("");
  const [candidates, setCandidates] = useState<TransferCandidateDto[] | null>(null);
  const texts = { known: t.errors };
  const unpair = useAction(unpairTransferAction, {
    texts,
    onSuccess: () => {
      setStatus(t.unpaired);
      onChanged({ transferPeerId: null, transferPeerAccount: null });
    },
  });
  const find = useAction(transferCandidatesAction, { texts, onSuccess: (rows) => setCandidates(rows) });
  const pair = useAction(pairTransferAction, {
    texts,
    onSuccess: (res) => {
      const peer = candidates?.find((c) => c.id === res.peerId);
      setCandidates(null);
      setStatus(t.paired);
      onChanged({ transferPeerId: res.peerId, transferPeerAccount: peer?.accountName ?? null });
    },
  });
  const error = unpair.error?.text ?? find.error?.text ?? pair.error?.text ?? "";

  return (
    <section className="space-y-2 md:col-span-2" aria-label={t.title}>
      {tx.transferPeerId ? (
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-slate-900 dark:text-slate-100" data-testid="transfer-paired">
            {t.pairedWith(tx.transferPeerAccount ?? "—")}
          </p>
          <Button variant="secondary" disabled={unpair.pending} onClick={() => unpair.run({ transactionId: tx.id })}>
            {t.unpair}
          </Button>
        </div>
      ) : tx.status !== "CANCELED" ? (
        <div className="space-y-2">
          <Button variant="secondary" disabled={find.pending} onClick={() => find.run({ transactionId: tx.id })}>
            {t.findPartner}
          </Button>
          {candidates && candidates.length === 0 && <p className="text-slate-700 dark:text-slate-300">{t.noPartner}</p>}
          {candidates && candidates.length > 0 && (
            <ul className="space-y-1" aria-label={t.partnersLabel}>
              {candidates.map((c) => (
                <li key={c.id}>
                  <Button
                    variant="ghost"
                    className="!px-2 !py-1 text-left"
                    disabled={pair.pending}
                    onClick={() => pair.run({ transactionId: tx.id, peerId: c.id })}
                  >
                    {t.pairWith(c.accountName, formatDate(c.bookingDate, locale))} ·{" "}
                    {formatMoney(c.amount, c.currency, locale)}
                    {c.title ? ` · ${c.title}` : ""}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
      <p
        role="status"
        aria-live="polite"
        className={`text-sm ${error ? "text-red-700 dark:text-red-300" : "text-emerald-800 dark:text-emerald-300"}`}
      >
        {error || status}
      </p>
    </section>
  );
}
