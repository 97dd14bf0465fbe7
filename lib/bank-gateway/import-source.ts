import type { ImportSource, SourceTurnoverBatch } from "@/lib/import/types";
import { today } from "@/lib/clock";
import { listAll, type Turnovers, type Xs2aUserClient } from "@/lib/xs2a";
import { turnoverWindows, type WindowedBatch } from "./turnover-windows.ts";

function batchOf(res: Turnovers): SourceTurnoverBatch {
  return {
    // The client's turnovers are the import's shape already (plus XS2A's `new`, unused): no copy.
    turnovers: res.turnovers,
    // Items the client could not read (no booking date, an amount off the cent grid, …): the
    // import keeps them in quarantine with the raw item and the client's reasons.
    rejected: res.rejected.map((r) => ({ raw: r.raw, issues: r.issues, partial: r.partial })),
    roundedAmounts: res.roundedAmounts.map((r) => ({ sent: r.sent, decimal: r.amount.decimal })),
  };
}

/** Reads one XS2A connection's accounts, balances and turnovers for the import. */
export function xs2aImportSource(
  api: Xs2aUserClient,
  xs2aConnectionId: string,
  opts: {
    /** Turnovers one booking-date window should bring (turnover-windows.ts). */
    windowTarget?: number;
    /** The app's today (YYYY-MM-DD), where the newest window starts. */
    today?: () => Promise<string>;
  } = {},
): ImportSource {
  return {
    listAccounts: () => listAll((page) => api.connections.accounts(xs2aConnectionId, { page, perPage: 100 })),
    async balance(accountId) {
      const b = await api.accounts.balance(accountId);
      return {
        balance: b.balance,
        available: b.available,
        limit: b.limit,
        currency: b.currency,
        date: b.date,
        roundedAmounts: b.roundedAmounts,
      };
    },
    async turnovers(accountId, query) {
      return batchOf(await api.accounts.turnovers(accountId, { from: query.from, to: query.to }));
    },
    // XS2A's turnovers have no paginator: a long history is read in booking-date windows, so the
    // import holds one window's turnovers at a time.
    async *turnoverPages(accountId, query) {
      const read = async (q: { from?: string; to?: string }): Promise<WindowedBatch> => {
        const res = await api.accounts.turnovers(accountId, { from: q.from, to: q.to });
        return {
          ...batchOf(res),
          days: res.days,
          collectedOn: res.date ? res.date.toISOString().slice(0, 10) : null,
        };
      };
      yield* turnoverWindows(read, {
        from: query.from,
        today: await (opts.today ?? today)(),
        target: opts.windowTarget,
      });
    },
  };
}
