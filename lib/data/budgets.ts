import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { budgetStates } from "@/lib/budgets/budgets";
import { centsToDecimal } from "@/lib/budgets/budget-math";
import { cachedForUser } from "@/lib/cache/user-cache";
import { today as berlinToday } from "@/lib/clock";
import { db } from "@/lib/db";

export interface BudgetDto {
  id: string;
  category: string;
  currency: string;
  amount: string;
  rollover: boolean;
  emailAlerts: boolean;
  limit: string;
  carried: string;
  spent: string;
  left: string;
  percent: number;
  daysLeft: number;
  perDay: string;
  reached: (80 | 100)[];
}

export interface BudgetsPageDto {
  today: string;
  /** Currencies of the viewer's accounts (EUR first), for a new budget. */
  currencies: string[];
  budgets: BudgetDto[];
}

/** The viewer's budgets with this month's figures (lib/budgets/budgets.ts), fullest first. */
export async function getBudgets(viewer: Viewer): Promise<BudgetsPageDto> {
  const today = await berlinToday();
  return cachedForUser(viewer.id, "budgets", [today], () => readBudgets(viewer, today));
}

async function readBudgets(viewer: Viewer, today: string): Promise<BudgetsPageDto> {
  const [states, currencies] = await Promise.all([
    budgetStates({ userId: viewer.id, today }),
    db.bankAccount.findMany({
      where: { userId: viewer.id, duplicateOfId: null },
      select: { currency: true },
      distinct: ["currency"],
    }),
  ]);
  const list = [...new Set(["EUR", ...currencies.map((c) => c.currency)])];
  return {
    today,
    currencies: list,
    budgets: states
      .map((s) => ({
        id: s.id,
        category: s.category,
        currency: s.currency,
        amount: s.amount,
        rollover: s.rollover,
        emailAlerts: s.emailAlerts,
        limit: centsToDecimal(s.month.limitCents),
        carried: centsToDecimal(s.month.carryCents),
        spent: centsToDecimal(s.month.spentCents),
        left: centsToDecimal(s.month.leftCents),
        percent: s.month.percent,
        daysLeft: s.month.daysLeft,
        perDay: centsToDecimal(s.month.perDayCents),
        reached: s.month.reached,
      }))
      .sort((a, b) => b.percent - a.percent || a.category.localeCompare(b.category)),
  };
}
