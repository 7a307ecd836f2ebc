// Runs in each test worker before its test files are imported: gives the worker its own store (a copy of the
// migrated template: an SQLite file, or a PostgreSQL database) and the broker address, before the Prisma client
// is created.
import { inject } from "vitest";
import { workerStore } from "./test-store";

const template = inject("templateDb");
process.env.DATABASE_URL = await workerStore(template, process.env.VITEST_POOL_ID ?? String(process.pid));
process.env.KAFKA_BROKERS = inject("kafkaBrokers");
if (inject("connectUrl")) process.env.CONNECT_URL = inject("connectUrl");
const secureKafka = inject("secureKafka");
if (secureKafka) {
  process.env.SECURE_KAFKA_BROKERS = secureKafka.brokers;
  process.env.SECURE_KAFKA_USERNAME = secureKafka.username;
  process.env.SECURE_KAFKA_PASSWORD = secureKafka.password;
}
process.env.TOPIARY_LOG_LEVEL ??= "error";
// Most integration tests call actions as the single local admin; the sign-in tests turn sign-in on themselves.
process.env.AUTH_DISABLED ??= "true";
process.env.TOPIARY_BCRYPT_COST ??= "4";
// Cluster secrets' key: random per run, the same in every worker (derived from this run's template database).
process.env.TOPIARY_SECRET_KEY ??= (await import("node:crypto")).createHash("sha256").update(`${template}:${process.ppid}`).digest("base64");
