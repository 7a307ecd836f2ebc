#!/usr/bin/env node
// Applies the store's migrations to DATABASE_URL: SQLite's with `prisma migrate deploy`; PostgreSQL's here, in
// order, each in its own transaction, recorded in _topiary_migrations, under an advisory lock (two console
// instances starting at once apply each migration once). Prisma's own migrate cannot read PostgreSQL's catalog
// through the pg driver adapter yet (prisma/orm#27403: "Column type 'name' could not be deserialized"), and the
// machines cannot download its native engine: so the committed SQL of prisma/postgres/migrations is run directly.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { withoutExpectedPrismaLines } from "./prisma-output.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const isPostgres = (url) => /^postgres(ql)?:\/\//.test(url);
const LOCK = 0x70_70_1a_7e; // any constant shared by every instance

async function migratePostgres(url, log) {
  const { default: pg } = await import("pg");
  const dir = path.join(root, "prisma/postgres/migrations");
  const names = fs.readdirSync(dir).filter((d) => fs.existsSync(path.join(dir, d, "migration.sql"))).sort();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS "_topiary_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TIMESTAMPTZ NOT NULL DEFAULT now())');
    const done = new Map((await client.query('SELECT "name", "checksum" FROM "_topiary_migrations"')).rows.map((r) => [r.name, r.checksum]));
    let applied = 0;
    for (const name of names) {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      const checksum = crypto.createHash("sha256").update(sql).digest("hex");
      if (done.has(name)) {
        if (done.get(name) !== checksum) throw new Error(`migration ${name} was changed after it was applied to this database`);
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query('INSERT INTO "_topiary_migrations" ("name", "checksum") VALUES ($1, $2)', [name, checksum]);
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${name} failed: ${e.message}`);
      }
      applied++;
    }
    log(`PostgreSQL store: ${applied} migration(s) applied, ${names.length} in all`);
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK]).catch(() => {});
    await client.end();
  }
}

/** Migrates the store at `url` (throws with the reason). */
export async function migrateStore(url, { log = () => {} } = {}) {
  if (isPostgres(url)) return migratePostgres(url, log);
  if (url.startsWith("file:")) fs.mkdirSync(path.dirname(url.slice(5)), { recursive: true });
  const r = spawnSync(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], { cwd: root, env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`prisma migrate deploy failed:\n${withoutExpectedPrismaLines(`${r.stdout ?? ""}\n${r.stderr ?? ""}`)}`);
  log(`SQLite store: ${(/(\d+) migrations? found/.exec(r.stdout) ?? [])[1] ?? "all"} migration(s) in place`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  migrateStore(process.env.DATABASE_URL || "file:./.topiary/topiary.db", { log: (m) => process.stderr.write(`[topiary] ${m}\n`) }).catch((e) => {
    process.stderr.write(`[topiary] ${e.message}\n`);
    process.exit(1);
  });
}
