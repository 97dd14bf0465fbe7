// Creating state, minting ids and reading the sandbox clock.

import { hashHex } from "./hash";
import { DAY_MS, formatBerlin } from "./time";
import type { EventRec, SandboxState } from "./types";

export function createState(seed: string = randomSeed()): SandboxState {
  return {
    version: 1,
    seed,
    seq: 0,
    clockOffsetDays: 0,
    users: [],
    tokens: [],
    connections: [],
    accounts: [],
    sessions: [],
    events: [],
    faults: [],
  };
}

function randomSeed(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Next sequence number (creation order, used for "newest first"). */
export function nextSeq(state: SandboxState): number {
  state.seq += 1;
  return state.seq;
}

/**
 * Ids look random but are derived from the state's seed and a counter, so a state replays identically.
 * Prefixes: bus (bank user, as in the XS2A guide), bat (access token), bcn (connection), bac (account),
 * wiz (wizard session), evt (event), flt (fault).
 */
export function newId(state: SandboxState, prefix: string, seq: number): string {
  return `${prefix}_${hashHex(`${state.seed}:${prefix}:${seq}`, 20)}`;
}

export function secret(state: SandboxState, kind: string, seq: number, length = 40): string {
  return hashHex(`${state.seed}:secret:${kind}:${seq}`, length);
}

/** Sandbox "now" in epoch ms: real time shifted by the clock offset. */
export function nowMs(state: SandboxState): number {
  return Date.now() + state.clockOffsetDays * DAY_MS;
}

export function now(state: SandboxState): string {
  return formatBerlin(nowMs(state));
}

export function today(state: SandboxState): string {
  return now(state).slice(0, 10);
}

const MAX_EVENTS = 2000;

export function recordEvent(
  state: SandboxState,
  e: { transaction: string | null; type: string; message: string; data?: Record<string, unknown> },
): EventRec {
  const seq = nextSeq(state);
  const event: EventRec = {
    id: newId(state, "evt", seq),
    seq,
    transaction: e.transaction,
    type: e.type,
    data: e.data ?? {},
    message: e.message,
    created_at: now(state),
  };
  state.events.push(event);
  if (state.events.length > MAX_EVENTS) state.events.splice(0, state.events.length - MAX_EVENTS);
  return event;
}
