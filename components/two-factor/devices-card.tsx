"use client";
import { forgetDevicesAction } from "@/app/(app)/settings/two-factor/actions";
import { useI18n } from "@/components/providers";
import { useAction } from "@/components/use-action";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";

export function DevicesCard({ count }: { count: number }) {
  const { m } = useI18n();
  const t = m.twoFactor;
  const forget = useAction(forgetDevicesAction);
  return (
    <Card title={t.devicesTitle}>
      <p className="mb-3 text-sm text-slate-700" data-testid="remembered-devices">
        {count === 0 ? t.devicesNone : t.devices(count)}
      </p>
      {forget.error && (
        <Notice tone="danger" live>
          {forget.error.text}
        </Notice>
      )}
      {count > 0 && (
        <Button variant="secondary" disabled={forget.pending} onClick={() => forget.run({})}>
          {t.forgetDevices}
        </Button>
      )}
    </Card>
  );
}
