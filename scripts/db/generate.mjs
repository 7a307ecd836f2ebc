#!/usr/bin/env node
// `npm install`'s last step: both Prisma clients, SQLite's (prisma/generated) and PostgreSQL's (prisma/generated-pg),
// the second from the schema made by postgres-schema.mjs. Quiet unless something fails.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { writePostgresSchema } from "./postgres-schema.mjs";
import { withoutExpectedPrismaLines } from "./prisma-output.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
writePostgresSchema();
for (const target of ["sqlite", "postgres"]) {
  const r = spawnSync(path.join(root, "node_modules/.bin/prisma"), ["generate"], {
    cwd: root,
    env: { ...process.env, TOPIARY_PRISMA_TARGET: target === "postgres" ? "postgres" : "", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
  });
  if (r.status !== 0) {
    process.stderr.write(`${withoutExpectedPrismaLines(`${r.stdout ?? ""}\n${r.stderr ?? ""}`)}\n`);
    process.exit(r.status ?? 1);
  }
}
process.stderr.write("[topiary] Prisma clients generated (SQLite and PostgreSQL)\n");
