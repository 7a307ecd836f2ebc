import { Kafka, logLevel } from "kafkajs";

/** The secured broker (SASL/SCRAM-SHA-512, StandardAuthorizer) and its super user. */
export interface SecureKafka {
  brokers: string;
  username: string;
  password: string;
  /** True when this spec started it (and so stops it again). */
  started: boolean;
}

const TEST_SECURE = { port: 19093 };

/**
 * SECURE_KAFKA_BROKERS (+ _USERNAME, _PASSWORD: scripts/test.mjs sets them), else the test suite's secured broker
 * on 19093, started here when it is not running (about 8-11 s).
 */
export async function secureKafka(): Promise<SecureKafka> {
  const env = process.env;
  if (env.SECURE_KAFKA_BROKERS) return { brokers: env.SECURE_KAFKA_BROKERS, username: env.SECURE_KAFKA_USERNAME ?? "", password: env.SECURE_KAFKA_PASSWORD ?? "", started: false };
  // @ts-expect-error plain ESM script without types
  const { ensureSecureKafka, TEST_SECURE_KAFKA } = await import("../../scripts/kafka/secure.mjs");
  const s = await ensureSecureKafka({ ...TEST_SECURE_KAFKA, ...TEST_SECURE });
  return { brokers: s.bootstrap, username: s.username, password: s.password, started: s.started };
}

export async function stopSecureKafka(s: SecureKafka): Promise<void> {
  if (!s.started) return;
  // @ts-expect-error plain ESM script without types
  const { stopSecureKafka: stop, TEST_SECURE_KAFKA } = await import("../../scripts/kafka/secure.mjs");
  await stop(TEST_SECURE_KAFKA);
}

/** Creates a topic as the super user (the console's own topic form is tested elsewhere). */
export async function createTopicAsSuperUser(s: SecureKafka, topic: string): Promise<void> {
  const admin = new Kafka({ clientId: "e2e-acls", brokers: s.brokers.split(","), sasl: { mechanism: "scram-sha-512", username: s.username, password: s.password }, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}
