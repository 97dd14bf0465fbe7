// Contract detection at scale: one user with ~1,000,000 booked transactions, built from generated
// users (each copy's counterparties made distinct, so every copy holds its own contracts and its
// own grocery noise), run through the pure detector in-process.
import { detectContracts, type ContractTransaction } from "@/lib/contracts/detect-contracts";
import { generatedUser } from "@/scripts/fixtures/contract-users";

export interface ContractsBenchResult {
  transactions: number;
  contracts: number;
  ms: number;
  /** CPU time of the detection (user + system): steadier than wall time on a shared machine. */
  cpuMs: number;
  heapDeltaMb: number;
}

export function contractsBench(target = 1_000_000): ContractsBenchResult {
  const base = generatedUser(1);
  const template = base.transactions;
  const copies = Math.ceil(target / template.length);
  const txs: ContractTransaction[] = new Array(copies * template.length);
  let n = 0;
  for (let c = 0; c < copies && n < target; c++) {
    const tag = c.toString(36);
    for (const t of template) {
      if (n >= target) break;
      txs[n++] = {
        id: `${c}:${t.id}`,
        accountId: `${t.accountId}-${c % 3}`,
        bookingDate: t.bookingDate,
        amountCents: t.amountCents,
        counterpartyName: t.counterpartyName && `${t.counterpartyName} ${tag}`,
        counterpartyIban: t.counterpartyIban && `${t.counterpartyIban}${tag}`,
        creditorId: t.creditorId && `${t.creditorId}${tag}`,
        purpose: t.purpose,
        categoryId: t.categoryId,
      };
    }
  }
  txs.length = n;
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const found = detectContracts({
    transactions: txs,
    ownIbans: base.ownIbans,
    ownNames: base.ownNames,
    today: base.today,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const heapDeltaMb = Math.max(0, (process.memoryUsage().heapUsed - heap0) / 1e6);
  return { transactions: n, contracts: found.length, ms, cpuMs, heapDeltaMb };
}
