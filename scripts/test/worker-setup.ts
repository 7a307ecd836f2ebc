// Runs in each test worker before its test files are imported: gives the worker its own SQLite file
// (a copy of the migrated template) and the broker address, before the Prisma client is created.
import fs from "node:fs";
import path from "node:path";
import { inject } from "vitest";

const template = inject("templateDb");
const file = path.join(path.dirname(template), `worker-${process.env.VITEST_POOL_ID ?? process.pid}.db`);
if (!fs.existsSync(file)) fs.copyFileSync(template, file);
process.env.DATABASE_URL = `file:${file}`;
process.env.KAFKA_BROKERS = inject("kafkaBrokers");
process.env.TOPIARY_LOG_LEVEL ??= "error";
// Most integration tests call actions as the single local admin; the sign-in tests turn sign-in on themselves.
process.env.AUTH_DISABLED ??= "true";
process.env.TOPIARY_BCRYPT_COST ??= "4";
// Cluster secrets' key: random per run, the same in every worker (derived from this run's template database).
process.env.TOPIARY_SECRET_KEY ??= (await import("node:crypto")).createHash("sha256").update(`${template}:${fs.statSync(template).mtimeMs}`).digest("base64");
