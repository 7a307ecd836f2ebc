import "server-only";
import type { Cluster } from "@/prisma/generated/client";
import type { ClusterView, SaslMechanism } from "@/lib/clusters/cluster-schema";

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
