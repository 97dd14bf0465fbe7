"use client";
import { useRouter } from "next/navigation";
import { forgetDeviceAction, forgetDevicesAction } from "@/app/(app)/settings/two-factor/actions";
import { useI18n, usePageTexts } from "@/components/providers";
import { twoFactor } from "@/lib/i18n/messages/two-factor";
import { useAction } from "@/components/use-action";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { formatDateTime } from "@/lib/i18n/format";

export interface RememberedDevice {
  id: string;
  label: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date;
}

/** Devices that skip the second factor (lib/auth/trusted-device.ts): each can be forgotten, or all at once. */
export function DevicesCard({ devices }: { devices: RememberedDevice[] }) {
  const { locale } = useI18n();
  const t = usePageTexts(twoFactor);
  const router = useRouter();
  const forget = useAction(forgetDevicesAction, { onSuccess: () => router.refresh() });
  const forgetOne = useAction(forgetDeviceAction, { onSuccess: () => router.refresh() });
  const error = forget.error ?? forgetOne.error;
  return (
    <Card title={t.devicesTitle}>
      <p className="mb-3 text-sm text-slate-700 dark:text-slate-300" data-testid="remembered-devices">
        {devices.length === 0 ? t.devicesNone : t.devices(devices.length)}
      </p>
      {devices.length > 0 && (
        <ul className="mb-3 divide-y divide-slate-100 dark:divide-slate-800">
          {devices.map((d) => (
            <li
              key={d.id}
              className="flex flex-wrap items-center justify-between gap-3 py-3"
              data-testid="remembered-device-row"
            >
              <div className="text-sm">
                <p className="font-medium text-slate-900 dark:text-slate-100">{d.label}</p>
                <p className="text-slate-600 dark:text-slate-400">
                  {t.deviceRemembered}: {formatDateTime(d.createdAt, locale)} · {t.deviceLastUsed}:{" "}
                  {d.lastUsedAt ? formatDateTime(d.lastUsedAt, locale) : t.deviceNeverUsed} · {t.deviceUntil}:{" "}
                  {formatDateTime(d.expiresAt, locale)}
                </p>
              </div>
              <Button
                variant="secondary"
                disabled={forgetOne.pending}
                onClick={() => forgetOne.run({ deviceId: d.id })}
                aria-label={t.forgetDeviceNamed(d.label, formatDateTime(d.createdAt, locale))}
              >
                {t.forgetDevice}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <Notice tone="danger" live>
          {error.text}
        </Notice>
      )}
      {devices.length > 0 && (
        <Button variant="secondary" disabled={forget.pending} onClick={() => forget.run({})}>
          {t.forgetDevices}
        </Button>
      )}
    </Card>
  );
}
