// Helpers for integration tests against the secured broker (never imported by the app).
import { sealSecret } from "@/server/crypto/secret-box";
import { prisma } from "@/server/db/prisma";
import { unique } from "@/server/test-support/fixtures";

/** The secured broker of this run and its super user (scripts/test/global-setup.ts starts one for files named *acls* or *roles*). */
export function secureKafkaEnv() {
  const brokers = process.env.SECURE_KAFKA_BROKERS;
  if (!brokers) throw new Error("no secured broker in this run (scripts/test/global-setup.ts starts one for files named *acls* or *roles*)");
  return { brokers, username: process.env.SECURE_KAFKA_USERNAME ?? "", password: process.env.SECURE_KAFKA_PASSWORD ?? "" };
}

/** A cluster row for the secured broker, signed in as its super user. */
export async function makeSecureCluster() {
  const s = secureKafkaEnv();
  return prisma.cluster.create({
    data: { name: unique("secure"), bootstrapServers: s.brokers, saslMechanism: "scram-sha-512", saslUsername: s.username, saslPassword: sealSecret(s.password) },
  });
}
