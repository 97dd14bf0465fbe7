import "server-only";
import type PgBoss from "pg-boss";
import type { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { startBoss } from "@/lib/jobs/boss";
import { log } from "@/lib/log";

/**
 * A background job, declared once beside the feature it belongs to: its queue name and options,
 * the zod schema of its payload (producers and the worker agree through it), its handler and,
 * for recurring work, its schedule. `lib/worker/all-jobs.ts` lists every job a worker runs.
 */
export interface Job<P extends z.ZodType = z.ZodType> {
  name: string;
  payload: P;
  /** pg-boss queue options (createQueue is idempotent: producers and workers both create it). */
  queue: Omit<PgBoss.Queue, "name">;
  /** Recurring: a cron line, in `tz` (default UTC). */
  schedule?: { cron: string; tz?: string };
  /** Jobs one worker fetches at a time. */
  batchSize?: number;
  /** Jobs one worker process handles at once (independent pollers; read when the worker starts). */
  concurrency?: () => number;
  /** `priority`: the job's own pg-boss priority (a job sent again can keep its place). */
  handle(payload: z.infer<P>, ctx: { boss: PgBoss; jobId: string; priority?: number }): Promise<void>;
  /** Runs once when a worker starts handling the job (e.g. a development-only ticker). */
  onWorkerStart?(boss: PgBoss): void;
}

export const defineJob = <P extends z.ZodType>(job: Job<P>): Job<P> => job;

/** Makes this worker handle `job`: creates its queue, subscribes the handler, sets its schedule. */
export async function registerJob<P extends z.ZodType>(boss: PgBoss, job: Job<P>) {
  await boss.createQueue(job.name, { name: job.name, ...job.queue });
  const pollers = Math.max(1, job.concurrency?.() ?? 1);
  for (let i = 0; i < pollers; i++) await work(boss, job);
  if (job.schedule)
    await boss.schedule(job.name, job.schedule.cron, {}, job.schedule.tz ? { tz: job.schedule.tz } : {});
  job.onWorkerStart?.(boss);
}

/**
 * One poller of `job` in this process. pg-boss waits out its polling interval (2 s) after every
 * fetch, also one that brought a job: a poller of short jobs (a daily sync takes well under a
 * second) then ran at most 30 a minute with a full queue. After a fetch that brought jobs it asks
 * again at once; an empty fetch still waits the interval.
 */
async function work<P extends z.ZodType>(boss: PgBoss, job: Job<P>) {
  let workerId: string | null = null;
  workerId = await boss.work(job.name, { batchSize: job.batchSize ?? 1, includeMetadata: true }, async (jobs) => {
    for (const j of jobs) {
      const parsed = job.payload.safeParse(j.data);
      if (!parsed.success) {
        // Retrying cannot make a malformed payload valid: drop it, loudly.
        log.error({ queue: job.name, issues: parsed.error.issues }, "invalid job payload; dropped");
        continue;
      }
      await job.handle(parsed.data, { boss, jobId: j.id, priority: j.priority ?? 0 });
    }
    // Only after jobs that went through: a failing job is retried by pg-boss on its own schedule.
    if (workerId !== null && jobs.length > 0) boss.notifyWorker(workerId);
  });
}

const g = globalThis as unknown as { __saldoBoss?: Promise<PgBoss>; __saldoQueues?: Set<string> };

/** A pg-boss instance for producers (the web app): no maintenance and no schedule of its own. */
export function producerBoss(): Promise<PgBoss> {
  return (g.__saldoBoss ??= startBoss({ supervise: false, schedule: false }).catch((err) => {
    g.__saldoBoss = undefined;
    throw err;
  }));
}

/**
 * Sends one job (the payload is parsed first: a producer bug fails here, not in the worker).
 * Returns the job id, or null when the queue's policy dropped it as a duplicate.
 */
export async function sendJob<P extends z.ZodType>(
  job: Job<P>,
  payload: z.input<P>,
  opts: PgBoss.SendOptions & { boss?: PgBoss } = {},
): Promise<string | null> {
  const { boss: given, ...options } = opts;
  const boss = given ?? (await producerBoss());
  const queues = (g.__saldoQueues ??= new Set());
  if (!queues.has(job.name)) {
    // pg-boss 10 refuses to send to a queue that does not exist yet.
    await boss.createQueue(job.name, { name: job.name, ...job.queue });
    queues.add(job.name);
  }
  return boss.send(job.name, job.payload.parse(payload) as object, options);
}

/**
 * Moves a `stately` queue's waiting job of `singletonKey` ahead of the others (never down), for
 * when a newer send would be dropped as a duplicate of it: someone now waits for that work.
 * `startNow` also cancels a later start; `match` (payload fields) guards which job it is, and
 * `set` (payload fields) changes what it will do. Runs on `client` (e.g. the caller's transaction).
 * Returns whether a waiting job was moved (false: none was waiting; a worker may hold it already).
 */
export async function promoteWaitingJob(
  client: Pick<Prisma.TransactionClient, "$executeRaw">,
  job: Pick<Job, "name">,
  opts: {
    singletonKey: string;
    priority: number;
    startNow?: boolean;
    match?: Record<string, unknown>;
    set?: Record<string, unknown>;
  },
) {
  const updated = await client.$executeRaw`
    UPDATE pgboss.job
    SET priority = GREATEST(priority, ${opts.priority}::int),
        start_after = CASE WHEN ${opts.startNow ?? false}::boolean THEN LEAST(start_after, now()) ELSE start_after END,
        data = data || ${JSON.stringify(opts.set ?? {})}::jsonb
    WHERE name = ${job.name} AND policy = 'stately'
      AND state IN ('created', 'retry') AND COALESCE(singleton_key, '') = ${opts.singletonKey}
      AND data @> ${JSON.stringify(opts.match ?? {})}::jsonb`;
  return updated > 0;
}
