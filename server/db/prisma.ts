import "server-only";
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/prisma/generated/client";
import { databaseUrl } from "@/server/config";

function createPrisma() {
  const url = databaseUrl();
  if (url.startsWith("file:")) {
    // better-sqlite3 creates the file but not its folder.
    fs.mkdirSync(path.dirname(url.slice("file:".length)), { recursive: true });
  }
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
}

// One client per server process (and across hot reloads in development).
const globalForPrisma = globalThis as unknown as { topiaryPrisma?: PrismaClient };
export const prisma: PrismaClient = (globalForPrisma.topiaryPrisma ??= createPrisma());
