import type { Metadata } from "next";
import { DevicesCard } from "@/components/two-factor/devices-card";
import { PasskeysCard } from "@/components/two-factor/passkeys-card";
import { TotpCard } from "@/components/two-factor/totp-card";
import { PageHeader } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { requireUserPage } from "@/lib/auth/viewer";
import { getTwoFactorOverview } from "@/lib/data/two-factor";
import { getMessages } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Two-factor sign-in" };

export default async function TwoFactorPage({
  searchParams,
}: {
  searchParams: Promise<{ reason?: string | string[] }>;
}) {
  const viewer = await requireUserPage();
  const { m } = await getMessages();
  const sp = await searchParams;
  const overview = await getTwoFactorOverview(viewer);
  const t = m.twoFactor;
  return (
    <>
      <PageHeader title={t.title} />
      <div className="grid gap-6 md:max-w-2xl">
        {sp.reason === "admin" && viewer.role === "ADMIN" && !overview.totpOn && (
          <Notice tone="warning">{t.adminRequired}</Notice>
        )}
        <TotpCard totpOn={overview.totpOn} recoveryCodesLeft={overview.recoveryCodesLeft} />
        <PasskeysCard passkeys={overview.passkeys} />
        {overview.totpOn && <DevicesCard devices={overview.rememberedDevices} />}
      </div>
    </>
  );
}
