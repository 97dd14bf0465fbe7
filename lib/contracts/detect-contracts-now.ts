import "server-only";
import type { Viewer } from "@/lib/auth/viewer";
import { today } from "@/lib/clock";
import { hitRateLimit } from "@/lib/rate-limit";
import { AppError } from "@/lib/errors";
import { refreshContracts } from "./refresh-contracts.ts";

/** Detection on demand for the viewer ("Search again"); a few runs a minute at most. */
export async function detectContractsNow(opts: { viewer: Viewer }) {
  const hit = await hitRateLimit({ key: `contracts-detect:${opts.viewer.id}`, limit: 6, windowSeconds: 60 });
  if (!hit.allowed)
    throw new AppError("rate_limited", "contract detection rate limited", { retryAfterSeconds: hit.retryAfterSeconds });
  return refreshContracts({ userId: opts.viewer.id, today: await today() });
}
