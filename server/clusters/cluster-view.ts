import "server-only";
import type { Cluster } from "@/prisma/generated/client";
import type { ClusterView, SaslMechanism } from "@/lib/clusters/cluster-schema";
import { openSecret } from "@/server/crypto/secret-box";
import type { ClusterConnection } from "@/server/kafka/kafka-config";

/** The browser's view of a stored cluster: secrets are replaced by "is one stored". */
export function toClusterView(c: Cluster): ClusterView {
  return {
    id: c.id,
    name: c.name,
    bootstrapServers: c.bootstrapServers,
    readOnly: c.readOnly,
    tls: { enabled: c.tlsEnabled, rejectUnauthorized: c.tlsRejectUnauthorized, ca: c.tlsCa, cert: c.tlsCert, hasKey: !!c.tlsKey },
    sasl: c.saslMechanism
      ? { mechanism: c.saslMechanism as SaslMechanism, username: c.saslUsername ?? "", hasPassword: !!c.saslPassword }
      : null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** Connection settings for a Kafka client, with the stored secrets decrypted (they never leave the server). */
export function toConnection(c: Cluster): ClusterConnection {
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
