"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { syncAllAction } from "@/app/(app)/banks/sync-actions";
import { useI18n } from "@/components/providers";
import { useAction } from "@/components/use-action";
import { Button } from "@/components/ui/button";

/** "Sync all": queues every bank that refreshes without the user; says how many need a login. */
export function SyncAllButton() {
  const { m } = useI18n();
  const router = useRouter();
  const [text, setText] = useState<string | null>(null);
  // The outcome, good or bad, is one status line.
  const syncAll = useAction(syncAllAction, {
    texts: { known: { unavailable: m.sync.unavailable }, fallback: m.sync.genericError },
    onSuccess: (data) => {
      const needLogin = data.skipped.filter((s) => s.reason === "needs_login").length;
      setText(
        [m.sync.allQueued(data.queued), needLogin ? m.sync.allNeedLogin(needLogin) : ""].filter(Boolean).join(" "),
      );
      router.refresh();
    },
    onError: (error) => {
      setText(error.text);
      return true;
    },
  });
  const { pending } = syncAll;
  const run = () => syncAll.run({});
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button variant="secondary" onClick={run} disabled={pending} aria-busy={pending}>
        {m.sync.syncAll}
      </Button>
      {text && (
        <span role="status" className="max-w-xs text-right text-xs text-slate-700 dark:text-slate-300">
          {text}
        </span>
      )}
    </span>
  );
}
