import "server-only";
import type { Admin } from "kafkajs";
import type { LiveAccess } from "@/lib/acls/plan-access";
import { classifyKafkaError } from "@/lib/kafka/classify-kafka-error";
import { isAppError } from "@/lib/errors/app-error";
import type { Cluster } from "@/prisma/generated/client";
import { bindingsFromDescribe, MATCH_ALL } from "@/server/acls/acl-codec";
import { isSecurityDisabled } from "@/server/acls/list-acl-bindings";
import { listClientQuotas } from "@/server/acls/list-client-quotas";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { withTimeout } from "@/server/kafka/with-timeout";
import { logger } from "@/server/log";

const reason = (e: unknown, cluster: Cluster) => (isAppError(e) ? e.userMessage : classifyKafkaError(e, cluster.bootstrapServers).userMessage);

/**
 * The cluster's ACL bindings and (when asked) client quotas, for planning a design's identities. Never throws:
 * a cluster without an authorizer says so (DescribeAcls answers SECURITY_DISABLED), and a read that fails is
 * reported in the plan instead of failing the topics' plan.
 */
export async function readClusterAccess(cluster: Cluster, admin: Admin, opts: { quotas: boolean }): Promise<LiveAccess> {
  const timeout = kafkaRequestTimeoutMs() + 2000;
  const acls = withTimeout(admin.describeAcls(MATCH_ALL), timeout, "reading the ACLs").then(
    (r): LiveAccess["acls"] => ({ state: "enforced", bindings: bindingsFromDescribe(r.resources).bindings }),
    (e): LiveAccess["acls"] => {
      if (isSecurityDisabled(e)) return { state: "not-enforced" };
      logger.warn("ACLs not readable for a plan", { clusterId: cluster.id, error: e });
      return { state: "unreadable", error: reason(e, cluster) };
    },
  );
  const quotas = opts.quotas
    ? withTimeout(listClientQuotas(cluster), timeout, "reading the client quotas").then(
        (r): LiveAccess["quotas"] => ({ entries: r.entries }),
        (e): LiveAccess["quotas"] => {
          logger.warn("client quotas not readable for a plan", { clusterId: cluster.id, error: e });
          return { error: reason(e, cluster) };
        },
      )
    : Promise.resolve(null);
  return { acls: await acls, quotas: await quotas };
}
