import type { ImportSource } from "@/lib/import/types";
import { listAll, type Xs2aUserClient } from "@/lib/xs2a";

/** Reads one XS2A connection's accounts, balances and turnovers for the import. */
export function xs2aImportSource(api: Xs2aUserClient, xs2aConnectionId: string): ImportSource {
  return {
    listAccounts: () => listAll((page) => api.connections.accounts(xs2aConnectionId, { page, perPage: 100 })),
    async balance(accountId) {
      const b = await api.accounts.balance(accountId);
      return { balance: b.balance, available: b.available, limit: b.limit, currency: b.currency, date: b.date };
    },
    async turnovers(accountId, query) {
      const res = await api.accounts.turnovers(accountId, { from: query.from, to: query.to });
      return {
        // The client's turnovers are the import's shape already (plus XS2A's `new`, unused): no copy.
        turnovers: res.turnovers,
        // Items the client could not read (no booking date, an amount off the cent grid, …): the
        // import keeps them in quarantine with the raw item and the client's reasons.
        rejected: res.rejected.map((r) => ({ raw: r.raw, issues: r.issues, partial: r.partial })),
        roundedAmounts: res.roundedAmounts.map((r) => ({ sent: r.sent, decimal: r.amount.decimal })),
      };
    },
  };
}
