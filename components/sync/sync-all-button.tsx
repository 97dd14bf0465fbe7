"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { syncAllAction } from "@/app/(app)/banks/sync-actions";
import { useI18n } from "@/components/providers";
import { commonRefusal } from "@/lib/actions/refusal";
import { Button } from "@/components/ui/button";

/** "Sync all": queues every bank that refreshes without the user; says how many need a login. */
export function SyncAllButton() {
  const { m } = useI18n();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [text, setText] = useState<string | null>(null);
  async function run() {
    setPending(true);
    const res = await syncAllAction({});
    setPending(false);
    if (!res.ok)
      return setText(
        res.code === "unavailable" ? m.sync.unavailable : (commonRefusal(res, m.common) ?? m.sync.genericError),
      );
    const needLogin = res.data.skipped.filter((s) => s.reason === "needs_login").length;
    setText(
      [m.sync.allQueued(res.data.queued), needLogin ? m.sync.allNeedLogin(needLogin) : ""].filter(Boolean).join(" "),
    );
    router.refresh();
  }
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button variant="secondary" onClick={run} disabled={pending} aria-busy={pending}>
        {m.sync.syncAll}
      </Button>
      {text && (
        <span role="status" className="max-w-xs text-right text-xs text-slate-700">
          {text}
        </span>
      )}
    </span>
  );
}
