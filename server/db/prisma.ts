import "server-only";
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/prisma/generated/client";
import { PrismaClient as PostgresClient } from "@/prisma/generated-pg/client";
import { databaseUrl, isPostgresUrl } from "@/server/config";

// The store: SQLite (the default, a file beside the console) or PostgreSQL (DATABASE_URL=postgresql://…, for a
// team running the console as a service, several instances on one database). One schema, written for SQLite
// and copied for PostgreSQL (scripts/db/postgres-schema.mjs), so both clients have the same models and types.

function createPrisma(): PrismaClient {
  const url = databaseUrl();
  if (isPostgresUrl(url)) {
    // The same models, generated for PostgreSQL's provider: one interface to the rest of the server.
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as PrismaClient;
  }
  if (url.startsWith("file:")) {
    // better-sqlite3 creates the file but not its folder.
    fs.mkdirSync(path.dirname(url.slice("file:".length)), { recursive: true });
  }
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
}

// One client per server process (and across hot reloads in development).
const globalForPrisma = globalThis as unknown as { topiaryPrisma?: PrismaClient };
export const prisma: PrismaClient = (globalForPrisma.topiaryPrisma ??= createPrisma());

/** Which store this process uses. */
export const storeKind = (): "sqlite" | "postgres" => (isPostgresUrl(databaseUrl()) ? "postgres" : "sqlite");
