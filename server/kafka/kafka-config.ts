import "server-only";
import { logLevel, type KafkaConfig, type SASLOptions } from "kafkajs";
import type { SaslMechanism } from "@/lib/clusters/cluster-schema";
import { kafkaConnectionTimeoutMs, kafkaRequestTimeoutMs } from "@/server/config";
import { logger } from "@/server/log";
import { guardedSocketFactory } from "@/server/net/guarded-connect";

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
// but the config object could, so it is never passed on). A dead broker makes kafkajs repeat the same
// connection error every few hundred milliseconds from every client: the same message for the same broker is
// written once a minute, with how many were left out since.
const REPEAT_WINDOW_MS = 60_000;
const lastLogged = new Map<string, { at: number; skipped: number }>();
const logCreator = () => ({ level, log }: { level: number; log: { message?: string; broker?: string } }) => {
  if (level > logLevel.ERROR) return;
  const key = `${log.broker ?? ""}\u0000${log.message ?? ""}`;
  const now = Date.now();
  const seen = lastLogged.get(key);
  if (seen && now - seen.at < REPEAT_WINDOW_MS) {
    seen.skipped += 1;
    return;
  }
  if (lastLogged.size > 1000) lastLogged.clear();
  lastLogged.set(key, { at: now, skipped: 0 });
  logger.warn("kafkajs", { message: log.message, broker: log.broker, ...(seen?.skipped ? { repeatsLeftOut: seen.skipped } : {}) });
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
    // Every connection (bootstrap and advertised brokers) is checked against the network policy as it opens.
    socketFactory: guardedSocketFactory as unknown as KafkaConfig["socketFactory"],
  };
}
