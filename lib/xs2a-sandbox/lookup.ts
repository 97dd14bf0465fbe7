// Owner-scoped lookups: another bank user's object is "not found", exactly like a missing one.

import { notFound } from "./http";
import type { AccountRec, ConnectionRec, SandboxState, SessionRec } from "./types";

export function userOrThrow(state: SandboxState, id: string) {
  const user = state.users.find((u) => u.id === id);
  if (!user) throw notFound("Bank user");
  return user;
}

/** By connection id, by the creating transaction, or by the transaction of any later session of it. */
export function findConnection(state: SandboxState, idOrTransaction: string): ConnectionRec | undefined {
  const direct = state.connections.find((c) => c.id === idOrTransaction || c.transaction === idOrTransaction);
  if (direct) return direct;
  const session = state.sessions.find((s) => s.transaction === idOrTransaction);
  return session ? state.connections.find((c) => c.id === session.connectionId) : undefined;
}

export function connectionOrThrow(state: SandboxState, userId: string, idOrTransaction: string): ConnectionRec {
  const c = findConnection(state, idOrTransaction);
  if (!c || c.userId !== userId) throw notFound("Bank connection");
  return c;
}

/** Whether the real API serves the account: one opened by the control waits for its connection's next sync. */
export const isListed = (a: AccountRec) => a.listChange !== "open";

export function accountOrThrow(state: SandboxState, userId: string, id: string): AccountRec {
  const a = state.accounts.find((x) => x.id === id);
  if (!a || a.userId !== userId || !isListed(a)) throw notFound("Bank account");
  return a;
}

export function sessionByKey(state: SandboxState, key: unknown): SessionRec | undefined {
  return typeof key === "string" ? state.sessions.find((s) => s.key === key) : undefined;
}
