import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { getViewer } from "@/lib/auth/viewer";
import { getLocale } from "@/lib/i18n/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Saldo", template: "%s · Saldo" },
  description: "All your banks in one place",
};
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const theme = (await getViewer())?.theme ?? "system";
  // The class decides the theme before the first paint (see the dark variant in globals.css):
  // "dark" or "light" as chosen in Settings; "theme-system" follows the device (and is what
  // signed-out pages get).
  return (
    <html lang={locale} className={theme === "system" ? "theme-system" : theme} data-theme={theme}>
      <body className="min-h-screen">
        <Providers locale={locale}>{children}</Providers>
      </body>
    </html>
  );
}
