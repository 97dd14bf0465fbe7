import { metricsAccess, scrapeWebMetrics } from "@/lib/ops/metrics";

/** Prometheus metrics behind `Authorization: Bearer $METRICS_TOKEN`; absent (404) when no token is set. */
export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const access = metricsAccess(req.headers.get("authorization"));
  if (access === "off") return new Response("Not Found", { status: 404, headers: { "cache-control": "no-store" } });
  if (access === "denied")
    return new Response("Unauthorized", {
      status: 401,
      headers: { "www-authenticate": 'Bearer realm="metrics"', "cache-control": "no-store" },
    });
  const { contentType, body } = await scrapeWebMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
