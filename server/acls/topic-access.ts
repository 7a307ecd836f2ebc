import "server-only";
import type { TopicAccessView } from "@/lib/acls/acl-views";
import { resourceAccess } from "@/lib/acls/effective-access";
import type { Cluster } from "@/prisma/generated/client";
import { listAclBindings } from "./list-acl-bindings";

/** Who may read, write and describe a topic, and by which bindings (literal, prefixed, `*`, User:*). */
export async function topicAccess(cluster: Cluster, topic: string): Promise<TopicAccessView> {
  const acls = await listAclBindings(cluster);
  if (!acls.enabled) return { enabled: false, authorizer: acls.authorizer, access: null };
  return { enabled: true, authorizer: acls.authorizer, access: resourceAccess(acls.bindings, { resourceType: "TOPIC", name: topic }, acls.authorizer) };
}
