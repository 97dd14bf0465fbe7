import type { ImportSource, SourceTurnover } from "@/lib/import/types";
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
      // A turnover without a booking date cannot be placed; the import's validation reports it.
      return res.turnovers.map((t): SourceTurnover => ({ ...t, bookingDate: t.bookingDate ?? "" }));
    },
  };
}
