import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { requireUserPage } from "@/lib/auth/viewer";
import { getMessages } from "@/lib/i18n/server";

export default async function DashboardPage() {
  await requireUserPage();
  const { m } = await getMessages();
  return (
    <>
      <PageHeader title={m.common.nav.dashboard} />
      <EmptyState title={m.common.tagline} action={<Link className={buttonClass()} href="/banks/add">{m.common.nav.banks}</Link>} />
    </>
  );
}
