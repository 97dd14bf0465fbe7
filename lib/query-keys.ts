// Every react-query key in one place, so invalidation can find them.
export const queryKeys = {
  bankSearch: (q: string) => ["bank-search", q] as const,
  syncStatus: (connectionId: string) => ["sync-status", connectionId] as const,
  syncStatusAll: () => ["sync-status"] as const,
  transactions: (filters: Record<string, unknown>) => ["transactions", filters] as const,
};
