import "server-only";
import { Kafka } from "kafkajs";
import { AppError } from "@/lib/errors/app-error";
import { classifyKafkaError } from "@/lib/kafka/classify-kafka-error";
import { assertBootstrapAllowed } from "@/server/net/check-address-policy";
import { buildKafkaConfig, type ClusterConnection } from "../kafka/kafka-config";
import { withTimeout } from "../kafka/with-timeout";

export interface ConnectionTestResult {
  clusterId: string;
  brokerCount: number;
  controllerId: number | null;
  latencyMs: number;
}

/** Answers within 10 s in every case. */
export const TEST_CONNECTION_TIMEOUT_MS = 10_000;

/**
 * Tries settings that may not be saved yet, with a throwaway client (the shared one belongs to saved clusters).
 * Answers with the cluster id and broker count, or an AppError saying what failed: unreachable, auth, TLS, timeout.
 */
export async function testConnection(connection: ClusterConnection): Promise<ConnectionTestResult> {
  await assertBootstrapAllowed(connection.bootstrapServers);
  const started = Date.now();
  const config = buildKafkaConfig(connection, "topiary-connection-test");
  // A little under the overall limit, so kafkajs' own error (more specific) usually wins the race.
  config.connectionTimeout = Math.min(config.connectionTimeout ?? 3000, 4000);
  config.requestTimeout = Math.min(config.requestTimeout ?? 8000, 8000);
  config.retry = { retries: 0 };
  const admin = new Kafka(config).admin();
  try {
    const described = await withTimeout(
      (async () => {
        await admin.connect();
        return admin.describeCluster();
      })(),
      TEST_CONNECTION_TIMEOUT_MS - 500,
      "connection test",
    );
    return {
      clusterId: described.clusterId,
      brokerCount: described.brokers.length,
      controllerId: described.controller,
      latencyMs: Date.now() - started,
    };
  } catch (e) {
    const c = classifyKafkaError(e, connection.bootstrapServers);
    throw new AppError(c.code, { message: `connection test failed: ${(e as Error).message}`, userMessage: c.userMessage, cause: e });
  } finally {
    void admin.disconnect().catch(() => {});
  }
}
