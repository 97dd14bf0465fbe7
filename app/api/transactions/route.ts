import { NextResponse } from "next/server";
import { getViewer } from "@/lib/auth/viewer";
import { listTransactions } from "@/lib/data/transactions";
import { log } from "@/lib/log";
import { decodeCursor, parseFilters } from "@/lib/transactions/filters";

export const dynamic = "force-dynamic";

/** A page of the viewer's transactions for the infinite list (react-query). Signed-in users only. */
export async function GET(req: Request) {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "unauthenticated" }, { status: 401 });
  const params = new URL(req.url).searchParams;
  try {
    const page = await listTransactions({
      viewer,
      filters: parseFilters(params),
      cursor: decodeCursor(params.get("cursor")),
    });
    return NextResponse.json(page, { headers: { "cache-control": "private, no-store" } });
  } catch (err) {
    const errorId = crypto.randomUUID().slice(0, 8);
    log.error({ err, errorId }, "transactions page failed");
    return NextResponse.json({ error: "internal", errorId }, { status: 500 });
  }
}
