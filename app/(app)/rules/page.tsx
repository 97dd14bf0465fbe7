import type { Metadata } from "next";
import Link from "next/link";
import { RulesManager, type RuleDraft } from "@/components/rules/rules-manager";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { requireUserPage } from "@/lib/auth/viewer";
import { listVisibleAccounts } from "@/lib/data/accounts";
import { listRuleBanks, listRules } from "@/lib/data/rules";
import { getMessages } from "@/lib/i18n/server";
import { isBigintId } from "@/lib/transactions/filters";
import { ruleDraftFromTransaction } from "@/lib/transactions/rules";

export const metadata: Metadata = { title: "Rules" };

export default async function RulesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireUserPage();
  const sp = await searchParams;
  const { m } = await getMessages();
  const [rules, accounts, banks] = await Promise.all([
    listRules(viewer),
    listVisibleAccounts(viewer),
    listRuleBanks(viewer),
  ]);
  // "Create a rule from this transaction": ?from=<transaction id> prefills the new rule.
  let draft: RuleDraft | null = null;
  if (typeof sp.from === "string" && isBigintId(sp.from)) {
    draft = await ruleDraftFromTransaction({ viewer, input: { transactionId: sp.from } }).catch(() => null);
  }
  return (
    <>
      <PageHeader
        title={m.rules.title}
        description={m.rules.description}
        actions={
          <Link className={buttonClass("secondary")} href="/categories">
            {m.rules.manageCategories}
          </Link>
        }
      />
      <RulesManager
        rules={rules}
        accounts={accounts.map((a) => ({ id: a.id, name: `${a.name} · ${a.bankName}` }))}
        banks={banks}
        draft={draft}
      />
    </>
  );
}
