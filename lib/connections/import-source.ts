import type { ImportSource, SourceTurnover } from "@/lib/sync/types";
import { berlinToday, listAll, type Turnovers, type Xs2aUserClient } from "@/lib/xs2a";

/**
 * The first day of the history XS2A holds: `days` counts back from the wrapper's `date` (the
 * account's as-of moment, Berlin local), that day included. Null when either is missing.
 */
export function historyFromOf(res: Pick<Turnovers, "days" | "date">): string | null {
  if (res.days == null || !Number.isInteger(res.days) || res.days < 1 || !res.date || Number.isNaN(res.date.getTime())) return null;
  const asOf = berlinToday(res.date);
  const t = Date.UTC(Number(asOf.slice(0, 4)), Number(asOf.slice(5, 7)) - 1, Number(asOf.slice(8, 10))) - (res.days - 1) * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

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
      const turnovers = res.turnovers;
      for (let i = 0; i < turnovers.length; i++) {
        const t = turnovers[i]!;
        // In place: the parsed list is this read's own, and a copy would double a window's memory.
        if (t.bookingDate == null) (t as { bookingDate: string | null }).bookingDate = "";
      }
      return { turnovers: turnovers as SourceTurnover[], historyFrom: historyFromOf(res) };
    },
  };
}
