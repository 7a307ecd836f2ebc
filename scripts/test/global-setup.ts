// Integration tests run against a real Kafka broker and a real SQLite file.
// Kafka: KAFKA_BROKERS when set (scripts/test.mjs sets it), else a test broker started here on port 19092
// (and stopped again afterwards). SQLite: a template database migrated once with `prisma migrate deploy`;
// each worker copies it (scripts/test/worker-setup.ts). Kafka Connect: CONNECT_URL when set, else a worker
// for that broker started here on port 18083 (and stopped afterwards) when the run includes tests that need it.
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { prepareTemplateStore, testStoreKind } from "./test-store";
// @ts-expect-error plain ESM script without types
import { ensureKafka, stopKafka } from "../kafka/kafka.mjs";
// @ts-expect-error plain ESM script without types
import { ensureConnect, stopConnect, TEST_CONNECT } from "../kafka/connect.mjs";
// @ts-expect-error plain ESM script without types
import { ensureSecureKafka, stopSecureKafka, TEST_SECURE_KAFKA } from "../kafka/secure.mjs";

const root = path.resolve(import.meta.dirname, "../..");
export const TEST_KAFKA = { port: 19092, dataDir: path.join(root, ".topiary/test-kafka") };

declare module "vitest" {
  export interface ProvidedContext {
    kafkaBrokers: string;
    /** The Connect worker's REST URL; "" when this run started none (no selected test needs one). */
    connectUrl: string;
    templateDb: string;
    /** The secured broker (SASL/SCRAM-SHA-512, authorizer) and its super user; null when this run started none. */
    secureKafka: { brokers: string; username: string; password: string } | null;
  }
}

export default async function setup(project: TestProject) {
  let started = false;
  let brokers = process.env.KAFKA_BROKERS;
  if (!brokers) {
    const r = await ensureKafka(TEST_KAFKA);
    brokers = r.bootstrap as string;
    started = r.started as boolean;
  }

  // A Connect worker only for runs that may use one: all tests, or files named with "connect" or "roles".
  let connectUrl = process.env.CONNECT_URL ?? "";
  let startedConnect = false;
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  if (!connectUrl && (!filters?.length || filters.some((f) => /connect|roles/i.test(f)))) {
    try {
      const c = await ensureConnect({ ...TEST_CONNECT, bootstrap: brokers });
      connectUrl = c.url as string;
      startedConnect = c.started as boolean;
    } catch (e) {
      if (started) await stopKafka(TEST_KAFKA);
      throw e;
    }
  }

  // A secured broker only for runs that may use one (all tests, or files named with "acls" or "roles"):
  // SECURE_KAFKA_BROKERS (+ _USERNAME, _PASSWORD) when set, else one on 19093, its start cost printed.
  let secureKafka: { brokers: string; username: string; password: string } | null = null;
  let startedSecure = false;
  if (process.env.SECURE_KAFKA_BROKERS) {
    secureKafka = { brokers: process.env.SECURE_KAFKA_BROKERS, username: process.env.SECURE_KAFKA_USERNAME ?? "", password: process.env.SECURE_KAFKA_PASSWORD ?? "" };
  } else if (!filters?.length || filters.some((f) => /acls|roles/i.test(f))) {
    const s = await ensureSecureKafka(TEST_SECURE_KAFKA).catch(async (e: unknown) => {
      if (startedConnect) await stopConnect(TEST_CONNECT);
      if (started) await stopKafka(TEST_KAFKA);
      throw e;
    });
    process.stderr.write(`[test] secured broker ${s.bootstrap}: ${s.started ? `started in ${(s.startMs / 1000).toFixed(1)} s` : "already running"}\n`);
    secureKafka = { brokers: s.bootstrap, username: s.username, password: s.password };
    startedSecure = s.started;
  }

  // A folder per run, so two runs side by side never share (or delete) each other's databases; the store's
  // template (an SQLite file there, or a PostgreSQL database: scripts/test/test-store.ts).
  const base = path.join(root, ".topiary/test-db");
  const dir = path.join(base, `run-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  const store = await prepareTemplateStore(dir);
  const templateDb = store.template;
  process.stderr.write(`[test] integration tests on ${testStoreKind() === "postgres" ? "PostgreSQL" : "SQLite"}\n`);

  project.provide("kafkaBrokers", brokers);
  project.provide("templateDb", templateDb);
  project.provide("connectUrl", connectUrl);
  project.provide("secureKafka", secureKafka);

  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await store.cleanup().catch((e: Error) => process.stderr.write(`[test] could not drop the test databases: ${e.message}\n`));
    if (startedConnect) await stopConnect(TEST_CONNECT);
    if (startedSecure) await stopSecureKafka(TEST_SECURE_KAFKA);
    if (started) await stopKafka(TEST_KAFKA);
  };
}
