/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Separate build folders let several test runs build side by side (NEXT_DIST_DIR=.next-x).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  serverExternalPackages: ["pg", "pg-boss", "pino", "@node-rs/argon2", "prom-client"],
  experimental: {
    serverActions: {
      // Next rejects server-action POSTs whose Origin is not the host; list extra origins here
      // (e.g. behind a proxy) as SALDO_ALLOWED_ORIGINS=host1,host2.
      allowedOrigins: (process.env.SALDO_ALLOWED_ORIGINS ?? "").split(",").filter(Boolean),
    },
  },
};
export default nextConfig;
