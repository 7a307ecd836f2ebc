// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets a benchmark build run beside the console's own (.next).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // kafkajs and the SQLite driver are Node server libraries: load them at run time, never bundle them.
  serverExternalPackages: ["kafkajs", "better-sqlite3", "@prisma/adapter-better-sqlite3"],
  poweredByHeader: false,
  experimental: {
    // Bounded request bodies for server actions (a 5,000-node design is about 2 MB of JSON).
    serverActions: { bodySizeLimit: "4mb" },
  },
};

module.exports = nextConfig;
