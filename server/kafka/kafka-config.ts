import "server-only";
import { logLevel, type KafkaConfig, type SASLOptions } from "kafkajs";
import type { SaslMechanism } from "@/lib/clusters/cluster-schema";
import { kafkaConnectionTimeoutMs, kafkaRequestTimeoutMs } from "@/server/config";
import { logger } from "@/server/log";

/** The connection settings of a cluster, secrets included: stays on the server. */
export interface ClusterConnection {
  bootstrapServers: string;
  tlsEnabled: boolean;
  tlsRejectUnauthorized: boolean;
  tlsCa: string | null;
  tlsCert: string | null;
  tlsKey: string | null;
  saslMechanism: string | null;
  saslUsername: string | null;
  saslPassword: string | null;
}

// kafkajs logs through this: errors only, and only the message (its log entries carry no credentials,
// but the config object could, so it is never passed on).
const logCreator = () => ({ level, log }: { level: number; log: { message?: string; broker?: string } }) => {
  if (level <= logLevel.ERROR) logger.warn("kafkajs", { message: log.message, broker: log.broker });
};

export function buildKafkaConfig(c: ClusterConnection, clientId = "topiary"): KafkaConfig {
  const ssl = c.tlsEnabled
    ? {
        rejectUnauthorized: c.tlsRejectUnauthorized,
        ...(c.tlsCa ? { ca: [c.tlsCa] } : {}),
        ...(c.tlsCert ? { cert: c.tlsCert } : {}),
        ...(c.tlsKey ? { key: c.tlsKey } : {}),
      }
    : false;
  let sasl: SASLOptions | undefined;
  if (c.saslMechanism) {
    sasl = {
      mechanism: c.saslMechanism as SaslMechanism,
      username: c.saslUsername ?? "",
      password: c.saslPassword ?? "",
    } as SASLOptions;
  }
  return {
    clientId,
    brokers: c.bootstrapServers.split(","),
    ssl,
    sasl,
    connectionTimeout: kafkaConnectionTimeoutMs(),
    authenticationTimeout: kafkaConnectionTimeoutMs(),
    requestTimeout: kafkaRequestTimeoutMs(),
    // Few, quick retries: a dead broker must surface as an error within seconds.
    retry: { retries: 1, initialRetryTime: 200, maxRetryTime: 1000 },
    logLevel: logLevel.ERROR,
    logCreator,
  };
}
