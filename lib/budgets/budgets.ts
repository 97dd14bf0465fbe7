import "server-only";
import { z } from "zod";
import type { Viewer } from "@/lib/auth/viewer";
import { categoryName, isCategoryId, isOwnCategoryId, knownCategory } from "@/lib/categories/categories";
import { loadOwnCategoryNames } from "@/lib/categories/load-own-categories";
import { db } from "@/lib/db";
import { deliverEmail, queueEmail } from "@/lib/email/send-email";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { messages } from "@/lib/i18n/messages";
import { formatMoney } from "@/lib/i18n/format";
import { budgetMonth, centsToDecimal, parseBudgetAmount, rolloverCarry } from "./budget-math.ts";
import { emailLocale } from "@/lib/i18n/locale";

export const saveBudgetInput = z
  .object({
    /**
     * A spending category of lib/categories, a leaf ("K.2.1") or a group ("K.2"), not income or own
     * transfers; or one of the viewer's own categories ("u:<id>"), a parent counting its children.
     */
    category: z
      .string()
      .trim()
      .refine(
        (v) => isOwnCategoryId(v) || (isCategoryId(v) && knownCategory(v) === v && v.startsWith("K")),
        "invalid_category",
      ),
    amount: z
      .string()
      .max(20)
      .refine((v) => parseBudgetAmount(v) !== null, "invalid_amount"),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .default("EUR"),
    rollover: z.boolean().default(false),
    emailAlerts: z.boolean().default(false),
  })
  .strict();

const firstOfMonth = (today: string) => new Date(`${today.slice(0, 7)}-01T00:00:00Z`);

/**
 * Sets the monthly amount of the viewer's budget for a category and currency (a new budget
 * starts counting this month). Returns its id.
 */
export async function saveBudget(opts: { viewer: Viewer; input: z.infer<typeof saveBudgetInput>; today: string }) {
  const { viewer, input } = opts;
  if (isOwnCategoryId(input.category)) {
    const own = await db.category.count({ where: { id: input.category.slice(2), userId: viewer.id } });
    if (own === 0)
      throw new AppError("invalid_input", "invalid_category", { fields: { category: "invalid_category" } });
  }
  const amount = centsToDecimal(parseBudgetAmount(input.amount)!);
  const row = await db.budget.upsert({
    where: { userId_category_currency: { userId: viewer.id, category: input.category, currency: input.currency } },
    create: {
      userId: viewer.id,
      category: input.category,
      currency: input.currency,
      amount,
      rollover: input.rollover,
      emailAlerts: input.emailAlerts,
      startMonth: firstOfMonth(opts.today),
    },
    update: { amount, rollover: input.rollover, emailAlerts: input.emailAlerts },
    select: { id: true },
  });
  await checkBudgetAlerts({ userId: viewer.id, today: opts.today });
  return { budgetId: row.id };
}

export const deleteBudgetInput = z.object({ budgetId: z.string().min(1).max(64) }).strict();

export async function deleteBudget(opts: { viewer: Viewer; input: z.infer<typeof deleteBudgetInput> }) {
  const res = await db.budget.deleteMany({ where: { id: opts.input.budgetId, userId: opts.viewer.id } });
  if (res.count === 0) throw new AppError("not_found", "budget not found");
  return { budgetId: opts.input.budgetId };
}

export interface BudgetState {
  id: string;
  category: string;
  currency: string;
  amount: string;
  rollover: boolean;
  emailAlerts: boolean;
  month: ReturnType<typeof budgetMonth>;
}

/**
 * Every budget of a user with this month's figures. The spending comes from "TransactionMonthly"
 * (the sums the dashboard reads: a few rows per account, month and category), over the visible
 * accounts (hidden duplicates left out), without own transfers (category N, which includes every
 * paired transfer). A parent counts its children: "K.2" its "K.2.x", an own category ("u:<id>")
 * its own sub-categories. Earlier months are read only for budgets with rollover.
 */
export async function budgetStates(opts: { userId: string; today: string }): Promise<BudgetState[]> {
  const budgets = await db.budget.findMany({
    where: { userId: opts.userId },
    orderBy: [{ currency: "asc" }, { category: "asc" }],
  });
  if (budgets.length === 0) return [];
  const thisMonth = `${opts.today.slice(0, 7)}-01`;
  const rows = await db.$queryRaw<{ budgetId: string; month: string; spent: { toFixed(n: number): string } }[]>`
    SELECT b.id AS "budgetId", to_char(m.month, 'YYYY-MM') AS month, -sum(m.spending) AS spent
    FROM "Budget" b
    JOIN "TransactionMonthly" m ON m."userId" = b."userId" AND m.currency = b.currency
      AND (m.category = b.category OR m.category LIKE b.category || '.%'
        OR m.category IN (SELECT 'u:' || c.id FROM "Category" c WHERE c."userId" = b."userId" AND 'u:' || c."parentId" = b.category))
      AND m.category NOT LIKE 'N%'
      AND m.month <= ${thisMonth}::date
      AND m.month >= CASE WHEN b.rollover THEN b."startMonth" ELSE ${thisMonth}::date END
    WHERE b."userId" = ${opts.userId}
      AND m."accountId" = ANY(ARRAY(
        SELECT a.id FROM "BankAccount" a LEFT JOIN "BankConnection" c ON c.id = a."connectionId"
        WHERE a."userId" = ${opts.userId} AND a."duplicateOfId" IS NULL AND (a."connectionId" IS NULL OR c.status IN ('ACTIVE', 'DISABLED'))))
    GROUP BY 1, 2`;
  const month = opts.today.slice(0, 7);
  return budgets.map((b) => {
    const mine = rows.filter((r) => r.budgetId === b.id);
    const cents = (r: (typeof rows)[number]) => Math.round(Number(r.spent.toFixed(2)) * 100);
    const spent = mine.filter((r) => r.month === month).reduce((s, r) => s + cents(r), 0);
    const earlier = mine.filter((r) => r.month < month).sort((a, b) => a.month.localeCompare(b.month));
    const amountCents = Math.round(Number(b.amount.toFixed(2)) * 100);
    const startMonth = b.startMonth.toISOString().slice(0, 7);
    // Months without spending count too (everything was left).
    const spentByMonth: number[] = [];
    for (let m = startMonth; m < month; m = nextMonth(m))
      spentByMonth.push(earlier.filter((r) => r.month === m).reduce((s, r) => s + cents(r), 0));
    return {
      id: b.id,
      category: b.category,
      currency: b.currency,
      amount: b.amount.toFixed(2),
      rollover: b.rollover,
      emailAlerts: b.emailAlerts,
      month: budgetMonth({
        amountCents,
        spentCents: spent,
        carryCents: b.rollover ? rolloverCarry(amountCents, spentByMonth) : 0,
        today: opts.today,
        month,
      }),
    };
  });
}

const nextMonth = (ym: string) => {
  const [y, m] = ym.split("-").map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
};

/**
 * Records each 80 % and 100 % threshold a budget reached this month (once per budget, month and
 * threshold) and, for budgets with email alerts of a user who wants emails, queues one email
 * through the outbox in the same transaction. Runs after every import and when a budget is saved.
 */
export async function checkBudgetAlerts(opts: { userId: string; today: string }): Promise<{ alerts: number }> {
  const states = await budgetStates(opts);
  const month = new Date(`${opts.today.slice(0, 7)}-01T00:00:00Z`);
  let alerts = 0;
  for (const s of states) {
    for (const threshold of s.month.reached) {
      const created = await db.$transaction(async (tx) => {
        const inserted = await tx.$executeRaw`
          INSERT INTO "BudgetAlert" ("budgetId", month, threshold) VALUES (${s.id}, ${month}::date, ${threshold})
          ON CONFLICT DO NOTHING`;
        if (inserted === 0 || !s.emailAlerts) return { inserted, emailId: null };
        const user = await tx.user.findUnique({
          where: { id: opts.userId },
          select: { email: true, locale: true, browserLocale: true, emailReminders: true },
        });
        if (!user?.emailReminders) return { inserted, emailId: null };
        const locale = emailLocale(user);
        const t = messages(locale).budgets.email;
        const name = categoryName(s.category, locale, await loadOwnCategoryNames(opts.userId));
        const email = await queueEmail(tx, {
          userId: opts.userId,
          to: user.email,
          subject: t.subject(name, threshold),
          text: t.body(
            name,
            formatMoney(centsToDecimal(s.month.spentCents), s.currency, locale),
            formatMoney(centsToDecimal(s.month.limitCents), s.currency, locale),
            `${env().appUrl}/budgets`,
          ),
        });
        await tx.budgetAlert.update({
          where: { budgetId_month_threshold: { budgetId: s.id, month, threshold } },
          data: { emailedAt: new Date() },
        });
        return { inserted, emailId: email.id };
      });
      alerts += created.inserted;
      // With SMTP it leaves now; a failed send stays queued for the outbox's retries.
      if (created.emailId) await deliverEmail(created.emailId).catch(() => "failed");
    }
  }
  return { alerts };
}
