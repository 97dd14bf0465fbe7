"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createContext, useContext, useState, type ReactNode } from "react";
import type { Locale } from "@/lib/i18n/locale";
import { clientMessages, type ClientMessages } from "@/lib/i18n/messages/client";

const I18nContext = createContext<{ locale: Locale; m: ClientMessages } | null>(null);

export function useI18n() {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error("useI18n outside <Providers>");
  return ctx;
}

/**
 * A dictionary that is not in the shared client bundle (lib/i18n/messages/client.ts), in the
 * viewer's language: the component imports it, so it ships only with the pages that use it.
 */
export function usePageTexts<D>(dict: Record<Locale, D>): D {
  return dict[useI18n().locale];
}

export function Providers({ locale, children }: { locale: Locale; children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({ defaultOptions: { queries: { staleTime: 15_000, retry: 1, refetchOnWindowFocus: false } } }),
  );
  return (
    <I18nContext.Provider value={{ locale, m: clientMessages(locale) }}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </I18nContext.Provider>
  );
}
