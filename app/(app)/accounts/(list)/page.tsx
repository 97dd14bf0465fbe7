import type { Metadata } from "next";
import Link from "next/link";
import { AccountGroups } from "@/components/accounts/account-groups";
import { AccountTotals } from "@/components/accounts/account-totals";
import { buttonClass } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { requireUserPage } from "@/lib/auth/viewer";
import { now } from "@/lib/clock";
import { accountTotals } from "@/lib/data/account-totals";
import { groupByBank, listVisibleAccounts } from "@/lib/data/accounts";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Accounts" };

export default async function AccountsPage() {
  const viewer = await requireUserPage();
  const { m, locale } = await getMessages();
  const a = m.accounts;
  const [accounts, at] = await Promise.all([listVisibleAccounts(viewer), now()]);
  return (
    <>
      <PageHeader
        title={a.title}
        description={a.description}
        actions={
          <Link className={buttonClass("secondary")} href="/banks/add">
            {a.addBank}
          </Link>
        }
      />
      {accounts.length === 0 ? (
        <EmptyState
          title={a.emptyTitle}
          action={
            <Link className={buttonClass()} href="/banks/add">
              {a.addBank}
            </Link>
          }
        >
          {a.emptyBody}
        </EmptyState>
      ) : (
        <>
          <AccountTotals totals={accountTotals(accounts)} m={m} locale={locale} />
          <AccountGroups groups={groupByBank(accounts)} m={m} locale={locale} now={at} detailed />
        </>
      )}
    </>
  );
}
