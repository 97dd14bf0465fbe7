import type { ReactNode } from "react";
import { AppShell } from "@/components/layout/app-shell";
import { requireUserPage } from "@/lib/auth/viewer";
import { getMessages } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const viewer = await requireUserPage();
  const { m } = await getMessages();
  return (
    <AppShell m={m} email={viewer.email} isAdmin={viewer.role === "ADMIN"}>
      {children}
    </AppShell>
  );
}
