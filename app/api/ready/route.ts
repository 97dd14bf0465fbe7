import { checkReadiness } from "@/lib/ops/readiness";

/**
 * Readiness: database reachable, migrations applied, job queue reachable. 200 or 503 with a
 * yes/no per check and nothing else (no versions, hosts or error texts).
 */
export const dynamic = "force-dynamic";

export async function GET() {
  const r = await checkReadiness();
  return Response.json(
    { status: r.ready ? "ready" : "not_ready", checks: r.checks },
    { status: r.ready ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
