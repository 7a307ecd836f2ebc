// The store the integration tests run on: a real SQLite file (the default), or a real PostgreSQL database when
// TOPIARY_TEST_STORE=postgres (the server at TOPIARY_TEST_PG_URL, default postgresql://postgres@127.0.0.1:5432/postgres,
// trust authentication as on these machines). Either way a template is migrated once per run
// (scripts/db/migrate.mjs), and each test worker gets its own copy (a file copy; CREATE DATABASE … TEMPLATE).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "../..");
export const testStoreKind = (): "sqlite" | "postgres" => (process.env.TOPIARY_TEST_STORE === "postgres" ? "postgres" : "sqlite");
const adminUrl = () => process.env.TOPIARY_TEST_PG_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

function dbUrl(name: string): string {
  const u = new URL(adminUrl());
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

function migrate(url: string) {
  const r = spawnSync(process.execPath, [path.join(root, "scripts/db/migrate.mjs")], { cwd: root, env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`migrating the test store failed:\n${r.stdout}\n${r.stderr}`);
}

/** Creates and migrates this run's template store; gives its address and how to remove it (and the workers' copies). */
export async function prepareTemplateStore(dir: string): Promise<{ template: string; cleanup: () => Promise<void> }> {
  if (testStoreKind() === "sqlite") {
    const template = `file:${path.join(dir, "template.db")}`;
    migrate(template);
    return { template, cleanup: async () => {} };
  }
  const name = `topiary_test_${process.pid}`;
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => c.query(`CREATE DATABASE ${name}`)));
  migrate(dbUrl(name));
  return {
    template: dbUrl(name),
    cleanup: () =>
      admin(async (c) => {
        const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${name}%`]);
        for (const r of rows) await c.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      }),
  };
}

/** The worker's own store, copied from the template: its DATABASE_URL. */
export async function workerStore(template: string, worker: string): Promise<string> {
  if (template.startsWith("file:")) {
    const file = path.join(path.dirname(template.slice("file:".length)), `worker-${worker}.db`);
    if (!fs.existsSync(file)) fs.copyFileSync(template.slice("file:".length), file);
    return `file:${file}`;
  }
  const from = new URL(template).pathname.slice(1);
  const name = `${from}_w${worker.replace(/\W/g, "")}`;
  await admin(async (c) => {
    const exists = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!exists.rowCount) await c.query(`CREATE DATABASE ${name} TEMPLATE ${from}`);
  });
  return dbUrl(name);
}
