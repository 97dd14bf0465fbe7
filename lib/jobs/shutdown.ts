/**
 * A worker's shutdown, as the jobs see it. On SIGTERM scripts/worker.ts calls beginShutdown():
 * long handlers check isShuttingDown() at safe points and hand their work back to the queue;
 * what is still running when the timeout passes is handed back by the callbacks registered with
 * onForcedStop() (a sync run goes back to QUEUED) before the process exits.
 */
let stopping = false;
const forced = new Set<() => Promise<unknown>>();

export const isShuttingDown = () => stopping;

export function beginShutdown() {
  stopping = true;
}

/** Registers how to hand back unfinished work if the shutdown timeout passes; returns the unregister. */
export function onForcedStop(handBack: () => Promise<unknown>): () => void {
  forced.add(handBack);
  return () => void forced.delete(handBack);
}

/** Runs every registered hand-back (after the timeout); returns how many there were. */
export async function handBackUnfinished(): Promise<number> {
  const all = [...forced];
  forced.clear();
  await Promise.allSettled(all.map((f) => f()));
  return all.length;
}
