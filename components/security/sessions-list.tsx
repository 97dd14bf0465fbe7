"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { revokeOtherSessionsAction, revokeSessionAction } from "@/app/(app)/settings/security/actions";
import { useI18n } from "@/components/providers";
import { useAction } from "@/components/use-action";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { formatDateTime } from "@/lib/i18n/format";

export type SessionRow = {
  id: string;
  deviceLabel: string;
  ipPrefix: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
};

export function SessionsList({ sessions }: { sessions: SessionRow[] }) {
  const { m, locale } = useI18n();
  const t = m.security;
  const router = useRouter();
  const [notice, setNotice] = useState<string | null>(null);
  const revoke = useAction(revokeSessionAction, {
    onSuccess: (data) => {
      if (data.current) window.location.assign("/signin");
      else router.refresh();
    },
  });
  const others = useAction(revokeOtherSessionsAction, {
    onSuccess: (data) => {
      setNotice(data.count > 0 ? t.otherSignedOut : t.noOtherSessions);
      router.refresh();
    },
  });
  const error = revoke.error ?? others.error;

  return (
    <Card
      title={t.sessionsTitle}
      actions={
        <Button variant="secondary" disabled={others.pending} onClick={() => others.run({})}>
          {t.signOutOthers}
        </Button>
      }
    >
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">{t.sessionsHint}</p>
      <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="sessions">
        {sessions.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="session-row">
            <div className="text-sm">
              <p className="font-medium text-slate-900 dark:text-slate-100">
                {s.deviceLabel}
                {s.current && (
                  <span className="ml-2 rounded bg-emerald-100 dark:bg-emerald-900/40 px-1.5 py-0.5 text-xs font-semibold text-emerald-900 dark:text-emerald-200">
                    {t.thisDevice}
                  </span>
                )}
              </p>
              <p className="text-slate-600 dark:text-slate-400">
                {t.from}: {s.ipPrefix ?? t.unknownPlace} · {t.firstSeen}: {formatDateTime(s.createdAt, locale)} ·{" "}
                {t.lastSeen}: {formatDateTime(s.lastSeenAt, locale)}
              </p>
            </div>
            {!s.current && (
              <Button
                variant="secondary"
                disabled={revoke.pending}
                onClick={() => revoke.run({ sessionId: s.id })}
                aria-label={t.signOutThis(s.deviceLabel)}
              >
                {m.common.nav.signOut}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {notice && (
        <div className="mt-3">
          <Notice tone="success" live>
            {notice}
          </Notice>
        </div>
      )}
      {error && (
        <div className="mt-3">
          <Notice tone="danger" live>
            {error.text}
          </Notice>
        </div>
      )}
    </Card>
  );
}
