import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { parseRule, type RuleActions, type RuleConditions } from "@/lib/rules/rule-match";

export interface RuleDto {
  id: string;
  name: string;
  position: number;
  match: "all" | "any";
  conditions: RuleConditions;
  actions: RuleActions;
}

/** The viewer's rules in the order they run. */
export async function listRules(viewer: Viewer): Promise<RuleDto[]> {
  const rows = await db.rule.findMany({
    where: { userId: viewer.id },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
  });
  return rows.flatMap((r, i) => {
    const rule = parseRule(r);
    return rule ? [{ ...rule, name: r.name, position: i + 1 }] : [];
  });
}

/** The banks the viewer's accounts belong to, by bank code (the rule condition "bank"). */
export async function listRuleBanks(viewer: Viewer): Promise<{ code: string; name: string }[]> {
  const rows = await db.bankAccount.findMany({
    where: { userId: viewer.id, bankCode: { not: null } },
    select: { bankCode: true, bankName: true, connection: { select: { bankName: true } } },
    distinct: ["bankCode"],
    orderBy: { bankCode: "asc" },
  });
  return rows.map((r) => ({ code: r.bankCode!, name: r.connection?.bankName ?? r.bankName ?? r.bankCode! }));
}
