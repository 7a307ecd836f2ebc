// Integration tests run against a real Kafka broker and a real SQLite file.
// Kafka: KAFKA_BROKERS when set (scripts/test.mjs sets it), else a test broker started here on port 19092
// (and stopped again afterwards). SQLite: a template database migrated once with `prisma migrate deploy`;
// each worker copies it (scripts/test/worker-setup.ts).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
// @ts-expect-error plain ESM script without types
import { ensureKafka, stopKafka } from "../kafka/kafka.mjs";

const root = path.resolve(import.meta.dirname, "../..");
export const TEST_KAFKA = { port: 19092, dataDir: path.join(root, ".topiary/test-kafka") };

declare module "vitest" {
  export interface ProvidedContext {
    kafkaBrokers: string;
    templateDb: string;
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

  // A folder per run, so two runs side by side never share (or delete) each other's databases.
  const base = path.join(root, ".topiary/test-db");
  const dir = path.join(base, `run-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  const templateDb = path.join(dir, "template.db");
  const migrate = spawnSync(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: `file:${templateDb}` },
    encoding: "utf8",
  });
  if (migrate.status !== 0) throw new Error(`prisma migrate deploy failed:\n${migrate.stdout}\n${migrate.stderr}`);

  project.provide("kafkaBrokers", brokers);
  project.provide("templateDb", templateDb);

  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (started) await stopKafka(TEST_KAFKA);
  };
}
