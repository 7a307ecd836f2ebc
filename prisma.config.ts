import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

// Prisma 6.19 runs fully offline with the JS schema engine and a driver adapter. The CLI still looks for
// native engine files before it starts; pointing these at any existing file stops it from downloading them
// (it never executes them with engine "js"). A user's own setting wins.
const wasm = path.join(process.cwd(), "node_modules/prisma/build/schema_engine_bg.wasm");
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= wasm;
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= wasm;
process.env.DATABASE_URL ??= "file:./.topiary/topiary.db";

// The store is SQLite (DATABASE_URL=file:…, the default) or PostgreSQL (DATABASE_URL=postgresql://…). Each has
// its schema (PostgreSQL's is made from SQLite's: scripts/db/postgres-schema.mjs) and its own migrations.
// TOPIARY_PRISMA_TARGET=postgres picks PostgreSQL's without a database (for `prisma generate`).
const postgres = process.env.TOPIARY_PRISMA_TARGET === "postgres" || /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  // One file per domain; migrations beside them, one folder per store.
  schema: postgres ? path.join("prisma", "postgres", "schema") : path.join("prisma", "schema"),
  migrations: { path: postgres ? path.join("prisma", "postgres", "migrations") : path.join("prisma", "migrations") },
  async adapter() {
    const url = process.env.DATABASE_URL!;
    return postgres ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url });
  },
});
