import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { ContractCadence, ContractStatus } from "@/lib/generated/prisma/enums";
import { PER_YEAR, type Cadence } from "./cadence.ts";
import { contractAlerts, type ContractAlert } from "./contract-alerts.ts";

export const CADENCE_FROM_DB: Record<ContractCadence, Cadence> = {
  WEEKLY: "weekly",
  MONTHLY: "monthly",
  QUARTERLY: "quarterly",
  HALF_YEARLY: "half-yearly",
  YEARLY: "yearly",
};

export interface OverviewPayment {
  id: string;
  date: string;
  cents: number;
  accountId: string;
}

export interface OverviewContract {
  id: string;
  key: string;
  status: ContractStatus;
  name: string;
  detectedName: string;
  userName: string | null;
  direction: "in" | "out";
  cadence: Cadence;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  creditorId: string | null;
  mandateReference: string | null;
  categoryId: string | null;
  currency: string;
  amountMinCents: number;
  amountMaxCents: number;
  typicalCents: number;
  lastCents: number;
  /** The typical amount spread over a month / a year (signed cents). */
  perMonthCents: number;
  perYearCents: number;
  firstDate: string;
  lastDate: string;
  nextDate: string;
  active: boolean;
  endDate: string | null;
  noticeDays: number | null;
  accountIds: string[];
  /** Oldest first. */
  payments: OverviewPayment[];
  /** The app-clock day detection last ran over this contract's data. */
  detectedOn: string;
}

export interface ContractOverview {
  contracts: OverviewContract[];
  alerts: ContractAlert[];
}

const ymd = (d: Date) => d.toISOString().slice(0, 10);
const cents = (d: { mul(n: number): { toNumber(): number } }) => d.mul(100).toNumber();

/** A user's contracts with their payments and today's open alerts (dismissed ones raise none). */
export async function loadContractOverview(opts: { userId: string; today: string }): Promise<ContractOverview> {
  const rows = await db.contract.findMany({
    where: { userId: opts.userId },
    orderBy: [{ direction: "asc" }, { detectedName: "asc" }],
    include: {
      transactions: {
        select: { transaction: { select: { id: true, bookingDate: true, amount: true, accountId: true } } },
      },
    },
  });
  const contracts = rows.map((r): OverviewContract => {
    const cadence = CADENCE_FROM_DB[r.cadence];
    const typicalCents = cents(r.typicalAmount);
    const perYearCents = typicalCents * PER_YEAR[cadence];
    const payments = r.transactions
      .map(({ transaction: t }) => ({
        id: String(t.id),
        date: ymd(t.bookingDate),
        cents: cents(t.amount),
        accountId: t.accountId,
      }))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    return {
      id: r.id,
      key: r.key,
      status: r.status,
      name: r.name ?? r.detectedName,
      detectedName: r.detectedName,
      userName: r.name,
      direction: r.direction === "in" ? "in" : "out",
      cadence,
      counterpartyName: r.counterpartyName,
      counterpartyIban: r.counterpartyIban,
      creditorId: r.creditorId,
      mandateReference: r.mandateReference,
      categoryId: r.categoryId,
      currency: r.currency,
      amountMinCents: cents(r.amountMin),
      amountMaxCents: cents(r.amountMax),
      typicalCents,
      lastCents: cents(r.lastAmount),
      perMonthCents: Math.round(perYearCents / 12),
      perYearCents,
      firstDate: ymd(r.firstDate),
      lastDate: ymd(r.lastDate),
      nextDate: ymd(r.nextDate),
      active: r.active,
      endDate: r.endDate ? ymd(r.endDate) : null,
      noticeDays: r.noticeDays,
      accountIds: r.accountIds,
      payments,
      detectedOn: ymd(r.detectedAt),
    };
  });
  const threshold = env().contractPriceThreshold;
  const alerts = contracts.flatMap((c) =>
    contractAlerts(
      {
        id: c.id,
        status: c.status,
        cadence: c.cadence,
        nextDate: c.nextDate,
        firstDate: c.firstDate,
        endDate: c.endDate,
        noticeDays: c.noticeDays,
        payments: c.payments,
        dataAsOf: c.detectedOn,
      },
      opts.today,
      threshold,
    ),
  );
  return { contracts, alerts };
}
