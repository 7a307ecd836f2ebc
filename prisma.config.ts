import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// Prisma 6.19 runs fully offline with the JS schema engine and a driver adapter. The CLI still looks for
// native engine files before it starts; pointing these at any existing file stops it from downloading them
// (it never executes them with engine "js"). A user's own setting wins.
const wasm = path.join(process.cwd(), "node_modules/prisma/build/schema_engine_bg.wasm");
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= wasm;
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= wasm;
process.env.DATABASE_URL ??= "file:./.topiary/topiary.db";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  async adapter() {
    return new PrismaBetterSQLite3({ url: process.env.DATABASE_URL! });
  },
});
