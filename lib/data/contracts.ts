import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { categoryGroup } from "@/lib/categories/categories";
import { cachedForUser } from "@/lib/cache/user-cache";
import { today as berlinToday } from "@/lib/clock";
import type { ContractAlert } from "@/lib/contracts/contract-alerts";
import { loadContractOverview, type OverviewContract } from "@/lib/contracts/contract-overview";
import {
  balanceForecast,
  monthFixedCosts,
  type ForecastContract,
  type ForecastDay,
  type ForecastDto,
} from "@/lib/contracts/forecast";

export type { ForecastDto };
import { listVisibleAccounts } from "@/lib/data/accounts";
import { fromCents, toCents } from "@/lib/transactions/cents";

export interface ContractPaymentDto {
  /** The transaction's id (what a split names). */
  id: string;
  date: string;
  amount: string;
  accountName: string;
}

export interface ContractDto {
  id: string;
  name: string;
  detectedName: string;
  status: "SUGGESTED" | "CONFIRMED" | "DISMISSED";
  direction: "in" | "out";
  cadence: OverviewContract["cadence"];
  counterpartyName: string | null;
  creditorId: string | null;
  mandateReference: string | null;
  categoryId: string | null;
  currency: string;
  amountMin: string;
  amountMax: string;
  typical: string;
  last: string;
  perMonth: string;
  perYear: string;
  lastDate: string;
  nextDate: string;
  active: boolean;
  endDate: string | null;
  noticeDays: number | null;
  accountNames: string[];
  /** Newest first, the last 24. */
  payments: ContractPaymentDto[];
  /** All its payments. */
  paymentCount: number;
}

export interface ContractAlertDto extends ContractAlert {
  contractName: string;
  currency: string;
}

export interface ContractsPageDto {
  hasAccounts: boolean;
  today: string;
  contracts: ContractDto[];
  dismissed: ContractDto[];
  totals: { costsPerMonth: string; incomePerMonth: string; costsPerYear: string; incomePerYear: string };
  accounts: { id: string; name: string }[];
  categories: string[];
  alerts: ContractAlertDto[];
}

export interface ContractFilters {
  category?: string;
  account?: string;
}

function forecastInput(c: OverviewContract): ForecastContract {
  return {
    id: c.id,
    direction: c.direction,
    cadence: c.cadence,
    typicalCents: c.typicalCents,
    nextDate: c.nextDate,
    dayOfMonth: Number(c.nextDate.slice(8, 10)),
    endDate: c.endDate,
    active: c.active,
    accountId: c.payments[c.payments.length - 1]?.accountId ?? null,
    payments: c.payments,
  };
}

async function overview(viewer: Viewer) {
  const [today, accounts] = await Promise.all([berlinToday(), listVisibleAccounts(viewer)]);
  const data = await loadContractOverview({ userId: viewer.id, today });
  return { today, accounts, ...data };
}

/** The contracts page: contracts (filtered), totals over all counting ones, open alerts. */
export async function getContractsPage(viewer: Viewer, filters: ContractFilters = {}): Promise<ContractsPageDto> {
  const { today, accounts, contracts, alerts } = await overview(viewer);
  const names = new Map(accounts.map((a) => [a.id, a.name]));
  const toDto = (c: OverviewContract): ContractDto => ({
    id: c.id,
    name: c.name,
    detectedName: c.detectedName,
    status: c.status,
    direction: c.direction,
    cadence: c.cadence,
    counterpartyName: c.counterpartyName,
    creditorId: c.creditorId,
    mandateReference: c.mandateReference,
    categoryId: c.categoryId,
    currency: c.currency,
    amountMin: fromCents(c.amountMinCents),
    amountMax: fromCents(c.amountMaxCents),
    typical: fromCents(c.typicalCents),
    last: fromCents(c.lastCents),
    perMonth: fromCents(c.perMonthCents),
    perYear: fromCents(c.perYearCents),
    lastDate: c.lastDate,
    nextDate: c.nextDate,
    active: c.active,
    endDate: c.endDate,
    noticeDays: c.noticeDays,
    accountNames: c.accountIds.flatMap((id) => (names.has(id) ? [names.get(id)!] : [])),
    paymentCount: c.payments.length,
    payments: c.payments
      .slice(-24)
      .reverse()
      .map((p) => ({ id: p.id, date: p.date, amount: fromCents(p.cents), accountName: names.get(p.accountId) ?? "" })),
  });
  const counting = contracts.filter((c) => c.status !== "DISMISSED" && c.active);
  const sum = (dir: "in" | "out", key: "perMonthCents" | "perYearCents") =>
    fromCents(counting.filter((c) => c.direction === dir).reduce((s, c) => s + c[key], 0));
  const matches = (c: OverviewContract) =>
    (!filters.category || categoryGroup(c.categoryId) === filters.category) &&
    (!filters.account || c.accountIds.includes(filters.account));
  const byId = new Map(contracts.map((c) => [c.id, c]));
  return {
    hasAccounts: accounts.length > 0,
    today,
    contracts: contracts.filter((c) => c.status !== "DISMISSED" && matches(c)).map(toDto),
    dismissed: contracts.filter((c) => c.status === "DISMISSED" && matches(c)).map(toDto),
    totals: {
      costsPerMonth: sum("out", "perMonthCents"),
      incomePerMonth: sum("in", "perMonthCents"),
      costsPerYear: sum("out", "perYearCents"),
      incomePerYear: sum("in", "perYearCents"),
    },
    accounts: accounts.map((a) => ({ id: a.id, name: a.name })),
    categories: [...new Set(contracts.map((c) => categoryGroup(c.categoryId)))].sort(),
    alerts: alerts.map((a) => ({
      ...a,
      contractName: byId.get(a.contractId)?.name ?? "",
      currency: byId.get(a.contractId)?.currency ?? "EUR",
    })),
  };
}

export interface FixedCostsCardDto {
  hasContracts: boolean;
  paid: string;
  toCome: string;
  currency: string;
  alerts: ContractAlertDto[];
}

/** The dashboard's "fixed costs this month" card. */
export async function getFixedCostsCard(viewer: Viewer): Promise<FixedCostsCardDto> {
  const day = await berlinToday();
  return cachedForUser(viewer.id, "fixed-costs", [day], () => readFixedCostsCard(viewer));
}

async function readFixedCostsCard(viewer: Viewer): Promise<FixedCostsCardDto> {
  const { today, contracts, alerts } = await overview(viewer);
  const counting = contracts.filter((c) => c.status !== "DISMISSED");
  const month = monthFixedCosts(counting.map(forecastInput), today);
  const byId = new Map(contracts.map((c) => [c.id, c]));
  return {
    hasContracts: counting.length > 0,
    paid: fromCents(month.paidCents),
    toCome: fromCents(month.toComeCents),
    currency: "EUR",
    alerts: alerts.map((a) => ({ ...a, contractName: byId.get(a.contractId)?.name ?? "", currency: "EUR" })),
  };
}

/** XS2A account types whose negative balance is what is owed, not an overdraft. */
const OWED_BY_NATURE = new Set(["CREDITCARD", "LOAN"]);

/** The 30-day balance forecast over the viewer's accounts with a balance. */
export async function getForecast(viewer: Viewer): Promise<ForecastDto> {
  const { today, accounts, contracts } = await overview(viewer);
  const withBalance = accounts.filter((a) => a.balance !== null && !a.closed);
  const balances = Object.fromEntries(withBalance.map((a) => [a.id, toCents(a.balance!)]));
  const counting = contracts.filter((c) => c.status !== "DISMISSED").map(forecastInput);
  const watch = new Set(withBalance.filter((a) => !OWED_BY_NATURE.has(a.type)).map((a) => a.id));
  const days: ForecastDay[] = balanceForecast({ contracts: counting, balances, today, days: 30, watch });
  return {
    accounts: withBalance.map((a) => ({ id: a.id, name: a.name, currency: a.currency })),
    days: days.map((d) => ({
      date: d.date,
      balances: Object.fromEntries(Object.entries(d.balances).map(([k, v]) => [k, fromCents(v)])),
      total: fromCents(d.totalCents),
      belowZero: d.belowZero,
      payments: d.payments.length,
    })),
  };
}
