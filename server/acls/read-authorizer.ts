import "server-only";
import type { AuthorizerView } from "@/lib/acls/acl-views";
import type { Cluster } from "@/prisma/generated/client";
import { adminFor } from "@/server/kafka/client-registry";
import { logger } from "@/server/log";

export type AuthorizerInfo = AuthorizerView;

const NAMES = ["authorizer.class.name", "super.users", "allow.everyone.if.no.acl.found"];

/**
 * The authorizer settings that decide with the bindings, from one broker's configuration (DescribeConfigs, which
 * needs DESCRIBE_CONFIGS on the cluster). Kafka answers `super.users` and `allow.everyone.if.no.acl.found`
 * without a value (they belong to the authorizer, not to the broker's own settings, and unknown settings are
 * hidden like secrets): then no super user is listed and Kafka's default rule (no ACL → denied) is assumed, and
 * said to be assumed.
 */
export async function readAuthorizer(cluster: Cluster): Promise<AuthorizerInfo> {
  const admin = await adminFor(cluster);
  try {
    const described = await admin.describeCluster();
    const brokerId = described.controller ?? described.brokers[0]?.nodeId;
    const r = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 4, name: String(brokerId), configNames: NAMES }] });
    const value = (name: string) => r.resources[0]?.configEntries.find((e) => e.configName === name)?.configValue ?? null;
    const superUsers = value("super.users");
    const allow = value("allow.everyone.if.no.acl.found");
    return {
      className: value("authorizer.class.name"),
      superUsers: (superUsers ?? "")
        .split(";")
        .map((s) => s.trim())
        .filter(Boolean),
      allowIfNoAclFound: allow === "true",
      superUsersKnown: superUsers !== null,
      defaultRuleKnown: allow !== null,
    };
  } catch (e) {
    logger.debug("authorizer settings not readable", { clusterId: cluster.id, error: e });
    return { className: null, superUsers: [], allowIfNoAclFound: false, superUsersKnown: false, defaultRuleKnown: false };
  }
}
