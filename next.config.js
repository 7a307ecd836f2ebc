// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder lets a benchmark build run beside the console's own (.next).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Node server libraries (Kafka clients, database drivers, the worker pool; some with native parts): loaded at
  // run time, never bundled.
  serverExternalPackages: ["kafkajs", "@platformatic/kafka", "better-sqlite3", "@prisma/adapter-better-sqlite3", "piscina", "pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
  experimental: {
    // Bounded request bodies for server actions (a 5,000-node design is about 2 MB of JSON).
    serverActions: { bodySizeLimit: "4mb" },
  },
};

module.exports = nextConfig;
