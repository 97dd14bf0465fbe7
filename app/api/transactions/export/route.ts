import { getViewer } from "@/lib/auth/viewer";
import { getOwnCategoryNames } from "@/lib/data/own-categories";
import { iterateTransactions } from "@/lib/data/transactions";
import { getLocale } from "@/lib/i18n/server";
import { log } from "@/lib/log";
import { csvHeader, csvLine } from "@/lib/transactions/csv";
import { parseFilters } from "@/lib/transactions/filters";
import { today } from "@/lib/clock";

export const dynamic = "force-dynamic";

/**
 * CSV of exactly the rows the list shows for the same query string, streamed page by page
 * (keyset), so an export of a million rows never sits in memory. Checks the session itself:
 * a page-level check does not protect a route.
 */
export async function GET(req: Request) {
  const viewer = await getViewer();
  if (!viewer) return new Response("unauthenticated", { status: 401 });
  const filters = parseFilters(new URL(req.url).searchParams);
  const locale = await getLocale();
  const own = await getOwnCategoryNames(viewer);
  const rows = iterateTransactions({ viewer, filters });
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvHeader(locale)));
    },
    async pull(controller) {
      try {
        // A few hundred lines per chunk: small enough to stream, large enough to be cheap.
        let chunk = "";
        for (let i = 0; i < 500; i++) {
          const next = await rows.next();
          if (next.done) {
            if (chunk) controller.enqueue(encoder.encode(chunk));
            controller.close();
            return;
          }
          chunk += csvLine(next.value, locale, own);
        }
        controller.enqueue(encoder.encode(chunk));
      } catch (err) {
        log.error({ err }, "csv export failed");
        controller.error(err);
      }
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const name = `saldo-${locale === "de" ? "umsaetze" : "transactions"}-${await today()}.csv`;
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "private, no-store",
    },
  });
}
