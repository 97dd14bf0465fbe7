import { NextResponse } from "next/server";
import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { getSyncStatus } from "@/lib/data/sync";

const query = z.object({ ids: z.string().max(2000) });

/** The latest sync run of each listed bank of the viewer (others' ids simply come back empty). */
export async function GET(req: Request) {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "unauthenticated" }, { status: 401 });
  const parsed = query.safeParse({ ids: new URL(req.url).searchParams.get("ids") ?? "" });
  if (!parsed.success) return NextResponse.json({ error: "invalid_input" }, { status: 400 });
  const ids = parsed.data.ids
    .split(",")
    .map((s) => s.trim())
    .filter((s) => /^[A-Za-z0-9_-]{1,64}$/.test(s)); // ids only: a NUL made the query fail
  return NextResponse.json({ runs: await getSyncStatus(viewer, ids) }, { headers: { "cache-control": "no-store" } });
}
