// Helpers for integration tests (never imported by the app).
import crypto from "node:crypto";
import { Kafka, logLevel } from "kafkajs";
import { sealSecret } from "@/server/crypto/secret-box";
import { prisma } from "@/server/db/prisma";

export const brokers = () => process.env.KAFKA_BROKERS!;
export const unique = (prefix: string) => `${prefix}-${crypto.randomBytes(4).toString("hex")}`;

/** A cluster row pointing at the test broker (or at `bootstrap`). */
export async function makeCluster(opts: { readOnly?: boolean; bootstrap?: string; saslPassword?: string } = {}) {
  return prisma.cluster.create({
    data: {
      name: unique("cluster"),
      bootstrapServers: opts.bootstrap ?? brokers(),
      readOnly: opts.readOnly ?? false,
      ...(opts.saslPassword ? { saslMechanism: "plain", saslUsername: "u", saslPassword: sealSecret(opts.saslPassword) } : {}),
    },
  });
}

/** An independent admin client, to check what really happened in Kafka. */
export async function withAdmin<T>(fn: (admin: ReturnType<Kafka["admin"]>) => Promise<T>): Promise<T> {
  const admin = new Kafka({ clientId: "topiary-test-check", brokers: brokers().split(","), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}
