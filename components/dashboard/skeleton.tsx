import { Card } from "@/components/ui/card";
import { getMessages } from "@/lib/i18n/server";

/** A calm placeholder while a page's data loads; announced once to screen readers. */
export async function ListSkeleton({ rows = 6, cards = 0 }: { rows?: number; cards?: number }) {
  const { m } = await getMessages();
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-4">
      <span className="sr-only">{m.common.loading}</span>
      <div className="h-8 w-48 rounded bg-slate-200 dark:bg-slate-700" />
      {cards > 0 && (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {Array.from({ length: cards }, (_, i) => (
            <div
              key={i}
              className="h-28 rounded-lg bg-white dark:bg-slate-900 ring-1 ring-slate-200 dark:ring-slate-700"
            />
          ))}
        </div>
      )}
      <div className="divide-y divide-slate-100 dark:divide-slate-800 rounded-lg bg-white dark:bg-slate-900 ring-1 ring-slate-200 dark:ring-slate-700">
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="flex items-center justify-between gap-4 px-4 py-4">
            <div className="h-4 w-1/2 rounded bg-slate-200 dark:bg-slate-700" />
            <div className="h-4 w-20 rounded bg-slate-200 dark:bg-slate-700" />
          </div>
        ))}
      </div>
    </div>
  );
}

/** One card's placeholder (its title shown, its body pulsing) while that card's data streams in. */
export async function CardSkeleton({ title }: { title: string }) {
  const { m } = await getMessages();
  return (
    <Card title={title} className="min-w-0">
      <div role="status" aria-live="polite" className="h-48 animate-pulse rounded bg-slate-100 dark:bg-slate-800">
        <span className="sr-only">{m.common.loading}</span>
      </div>
    </Card>
  );
}
