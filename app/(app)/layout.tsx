import type { ReactNode } from "react";
import { ReauthProvider } from "@/components/auth/reauth-provider";
import { ConsentBanners } from "@/components/consent/consent-banners";
import { AppShell } from "@/components/layout/app-shell";
import { OwnCategoriesProvider } from "@/components/transactions/own-categories";
import { requireUserPage } from "@/lib/auth/viewer";
import { listConsentBanners } from "@/lib/data/consent";
import { viewerHasPasskey } from "@/lib/data/two-factor";
import { listOwnCategories } from "@/lib/data/own-categories";
import { getMessages } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const viewer = await requireUserPage();
  const [{ m, locale }, consent, hasPasskey, ownCategories] = await Promise.all([
    getMessages(),
    listConsentBanners(viewer),
    viewerHasPasskey(viewer),
    listOwnCategories(viewer),
  ]);
  return (
    <AppShell
      m={m}
      email={viewer.email}
      isAdmin={viewer.role === "ADMIN"}
      banner={<ConsentBanners {...consent} locale={locale} />}
    >
      <OwnCategoriesProvider categories={ownCategories}>
        <ReauthProvider hasPasskey={hasPasskey}>{children}</ReauthProvider>
      </OwnCategoriesProvider>
    </AppShell>
  );
}
