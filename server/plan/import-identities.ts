import "server-only";
import { identitiesFromBindings } from "@/lib/acls/import-identities";
import type { Topology } from "@/lib/designs/design-schema";
import type { Cluster } from "@/prisma/generated/client";
import { bindingsFromDescribe, MATCH_ALL } from "@/server/acls/acl-codec";
import { isSecurityDisabled } from "@/server/acls/list-acl-bindings";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { adminFor } from "@/server/kafka/client-registry";
import { withTimeout } from "@/server/kafka/with-timeout";
import { logger } from "@/server/log";

/**
 * The imported design with the cluster's principals where their bindings match its topics and groups (issue 13,
 * item 7). A cluster without an authorizer has none; bindings Topiary may not read leave the design as it is
 * (the import itself still succeeds, and says so in the log).
 */
export async function withClusterIdentities(cluster: Cluster, topology: Topology): Promise<Topology> {
  try {
    const admin = await adminFor(cluster);
    const described = await withTimeout(admin.describeAcls(MATCH_ALL), kafkaRequestTimeoutMs() + 2000, "reading the ACLs");
    return identitiesFromBindings(topology, bindingsFromDescribe(described.resources).bindings);
  } catch (e) {
    if (!isSecurityDisabled(e)) logger.warn("import: ACLs not readable, principals left out", { clusterId: cluster.id, error: e });
    return topology;
  }
}
