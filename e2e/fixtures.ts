import { randomBytes } from "node:crypto";

/** The broker the console under test talks to (scripts/test.mjs sets KAFKA_BROKERS; else the test broker). */
export const kafkaBrokers = () => process.env.KAFKA_BROKERS || "127.0.0.1:19092";
export const uniqueName = (prefix: string) => `${prefix}-${randomBytes(3).toString("hex")}`;

/** The first admin, created by e2e/auth/first-run.setup.ts. */
export const E2E_ADMIN = { username: "e2e-admin", password: "e2e admin password, long enough" };
