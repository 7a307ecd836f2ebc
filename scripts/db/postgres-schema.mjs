#!/usr/bin/env node
// PostgreSQL's copy of the Prisma schema. The schema is written once, for SQLite, in prisma/schema/ (one file
// per domain, types kept portable); Prisma wants one provider per schema, so PostgreSQL's schema is the same
// files with the datasource's provider changed, written to prisma/postgres/schema/ (not committed: made by
// `npm install` and by the scripts that need it). Its own migrations are committed in prisma/postgres/migrations.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const from = path.join(root, "prisma/schema");
const to = path.join(root, "prisma/postgres/schema");

export function writePostgresSchema() {
  fs.rmSync(to, { recursive: true, force: true });
  fs.mkdirSync(to, { recursive: true });
  for (const file of fs.readdirSync(from).filter((f) => f.endsWith(".prisma"))) {
    let text = fs.readFileSync(path.join(from, file), "utf8");
    if (/datasource\s+db\s*\{/.test(text)) {
      text = text.replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"').replace(/output\s*=\s*"\.\.\/generated"/, 'output     = "../../generated-pg"');
      if (!text.includes('"postgresql"') || !text.includes("generated-pg")) throw new Error(`could not turn ${file} into PostgreSQL's datasource`);
    }
    fs.writeFileSync(path.join(to, file), `// Made from prisma/schema/${file} by scripts/db/postgres-schema.mjs: edit that file, not this one.\n${text}`);
  }
  return to;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writePostgresSchema();
