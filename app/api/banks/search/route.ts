import { NextResponse } from "next/server";
import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { installationApi } from "@/lib/bank-gateway/user-api";
import { log } from "@/lib/log";

const query = z.object({ q: z.string().trim().min(2).max(60) });

/** Bank search for "Add bank" (XS2A bank-code autocomplete). Signed-in users only. */
export async function GET(req: Request) {
  if (!(await getViewer())) return NextResponse.json({ error: "unauthenticated" }, { status: 401 });
  const parsed = query.safeParse({ q: new URL(req.url).searchParams.get("q") ?? "" });
  if (!parsed.success) return NextResponse.json({ banks: [] });
  try {
    const page = await installationApi().bankCodes.autocomplete({ q: parsed.data.q, countryId: "DE", perPage: 8 });
    return NextResponse.json({
      banks: page.data
        .filter((b) => b.bic || b.bankCode)
        .map((b) => ({ name: b.name ?? b.shortName ?? "", bic: b.bic, bankCode: b.bankCode, city: b.city })),
    });
  } catch (err) {
    log.warn({ err }, "bank search failed");
    return NextResponse.json({ error: "unavailable" }, { status: 503 });
  }
}
