import "server-only";
import type { Cluster } from "@/prisma/generated/client";
import { openSecret } from "@/server/crypto/secret-box";
import type { ClusterConnection } from "./kafka-config";

/** Connection settings for a Kafka client, with the stored secrets decrypted (they never leave the server). */
export function connectionOf(c: Cluster): ClusterConnection {
  return {
    bootstrapServers: c.bootstrapServers,
    tlsEnabled: c.tlsEnabled,
    tlsRejectUnauthorized: c.tlsRejectUnauthorized,
    tlsCa: c.tlsCa,
    tlsCert: c.tlsCert,
    tlsKey: c.tlsKey === null ? null : openSecret(c.tlsKey, `stored TLS key of cluster "${c.name}"`),
    saslMechanism: c.saslMechanism,
    saslUsername: c.saslUsername,
    saslPassword: c.saslPassword === null ? null : openSecret(c.saslPassword, `stored SASL password of cluster "${c.name}"`),
  };
}

/**
 * What identifies a cluster's stored connection, without decrypting anything: the stored columns as they are
 * (sealed secrets included, which change whenever a secret is saved again).
 */
export function storedConnectionKey(c: Cluster): string {
  return JSON.stringify([c.bootstrapServers, c.tlsEnabled, c.tlsRejectUnauthorized, c.tlsCa, c.tlsCert, c.tlsKey, c.saslMechanism, c.saslUsername, c.saslPassword]);
}
