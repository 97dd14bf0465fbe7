import type { AsyncLocalStorage } from "node:async_hooks";
import type { IncomingMessage, ServerResponse } from "node:http";

export class RequestTiming {
  constructor(start?: number);
  /** performance.now() when the request arrived. */
  start: number;
  /** Milliseconds with at least one query in flight, for the spans already finished. */
  dbMs: number;
  /** Queries started for this request. */
  dbCount: number;
  /** One query of this request starts now; call the returned function when it settles. */
  queryStarted(): () => void;
  /** Database milliseconds up to `now`, counting queries still running. */
  dbMsAt(now?: number): number;
}
export function serverTimingHeader(timing: RequestTiming, now?: number): string;
export function parseServerTiming(
  header: string | null | undefined,
): Record<string, { dur: number | undefined; desc: string | undefined }>;
export function withServerTiming<Req extends IncomingMessage, Res extends ServerResponse<Req>>(
  handler: (req: Req, res: Res) => unknown,
  storage: AsyncLocalStorage<RequestTiming>,
): (req: Req, res: Res) => unknown;
