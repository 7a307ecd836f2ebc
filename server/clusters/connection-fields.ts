import "server-only";
import type { ClusterValues } from "@/lib/clusters/cluster-schema";
import type { ClusterConnection } from "@/server/kafka/kafka-config";

/**
 * Database fields for a cluster's connection settings. Secrets are write-only in the form: an empty
 * secret keeps the stored one (`previous`), so editing a name never wipes a password.
 */
export function connectionFields(conn: ClusterValues["connection"], previous?: ClusterConnection | null): ClusterConnection {
  return {
    bootstrapServers: conn.bootstrapServers,
    tlsEnabled: conn.tls.enabled,
    tlsRejectUnauthorized: conn.tls.rejectUnauthorized,
    tlsCa: conn.tls.enabled ? conn.tls.ca?.trim() || null : null,
    tlsCert: conn.tls.enabled ? conn.tls.cert?.trim() || null : null,
    tlsKey: conn.tls.enabled ? conn.tls.key?.trim() || (previous?.tlsKey ?? null) : null,
    saslMechanism: conn.sasl?.mechanism ?? null,
    saslUsername: conn.sasl?.username ?? null,
    saslPassword: conn.sasl ? conn.sasl.password || previous?.saslPassword || null : null,
  };
}
