import { getViewer } from "@/lib/auth/viewer";
import { berlinToday } from "@/lib/berlin-time";
import { takeDataExport } from "@/lib/export/take-data-export";

/** The viewer's prepared export (Settings → Download all my data), once; 404 when none is ready. */
export const dynamic = "force-dynamic";

export async function GET() {
  const viewer = await getViewer();
  if (!viewer) return Response.json({ error: "unauthenticated" }, { status: 401 });
  const zip = await takeDataExport({ viewer });
  if (!zip) return Response.json({ error: "not_found" }, { status: 404, headers: { "cache-control": "no-store" } });
  return new Response(new Uint8Array(zip), {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="saldo-data-${berlinToday(new Date())}.zip"`,
      "cache-control": "no-store",
    },
  });
}
