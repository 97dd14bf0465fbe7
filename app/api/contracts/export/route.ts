import { getViewer } from "@/lib/auth/viewer";
import { today } from "@/lib/clock";
import { getContractsPage } from "@/lib/data/contracts";
import { contractsCsv } from "@/lib/data/contracts-csv";
import { getOwnCategoryNames } from "@/lib/data/own-categories";
import { getLocale } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

/** The viewer's contracts (dismissed ones last) as CSV; `format=de|en` picks the dialect. */
export async function GET(req: Request) {
  const viewer = await getViewer();
  if (!viewer) return new Response("unauthenticated", { status: 401 });
  const format = new URL(req.url).searchParams.get("format");
  const locale = format === "de" || format === "en" ? format : await getLocale();
  const [page, own] = await Promise.all([getContractsPage(viewer), getOwnCategoryNames(viewer)]);
  const body = contractsCsv([...page.contracts, ...page.dismissed], locale, own);
  const name = `saldo-${locale === "de" ? "vertraege" : "contracts"}-${await today()}.csv`;
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "private, no-store",
    },
  });
}
