import "server-only";
import { compareBindings, type AclBinding } from "@/lib/acls/acl-model";
import { AppError } from "@/lib/errors/app-error";
import type { Cluster } from "@/prisma/generated/client";
import { adminFor } from "@/server/kafka/client-registry";
import { bindingsFromDescribe, MATCH_ALL } from "./acl-codec";
import { readAuthorizer, type AuthorizerInfo } from "./read-authorizer";

export interface ClusterAcls {
  /** False when the cluster runs without an authorizer: it has no bindings and checks none. */
  enabled: boolean;
  authorizer: AuthorizerInfo;
  bindings: AclBinding[];
  /** Bindings with codes this console does not know (a newer Kafka): counted, not shown. */
  unreadable: number;
}

/** DescribeAcls on a cluster without an authorizer: Kafka keeps and checks no ACLs there. */
export const isSecurityDisabled = (e: unknown) => {
  const x = e as { type?: string; message?: string };
  return x?.type === "SECURITY_DISABLED" || /security features are disabled/i.test(x?.message ?? "");
};

/** Every binding on the cluster (DescribeAcls, any pattern), sorted, with the authorizer settings beside them. */
export async function listAclBindings(cluster: Cluster): Promise<ClusterAcls> {
  const admin = await adminFor(cluster);
  let described;
  try {
    described = await admin.describeAcls(MATCH_ALL);
  } catch (e) {
    if (isSecurityDisabled(e)) {
      return { enabled: false, authorizer: { className: null, superUsers: [], allowIfNoAclFound: true, superUsersKnown: false, defaultRuleKnown: false }, bindings: [], unreadable: 0 };
    }
    throw e;
  }
  const { bindings, unreadable } = bindingsFromDescribe(described.resources);
  return { enabled: true, authorizer: await readAuthorizer(cluster), bindings: bindings.sort(compareBindings), unreadable };
}

/** The same, refusing (with a clear reason) a cluster that has no authorizer. */
export async function requireAclBindings(cluster: Cluster): Promise<ClusterAcls> {
  const acls = await listAclBindings(cluster);
  if (!acls.enabled) {
    throw new AppError("VALIDATION", { userMessage: `${cluster.name} runs without an authorizer: Kafka keeps no ACLs there and checks none (set authorizer.class.name on its brokers).` });
  }
  return acls;
}
