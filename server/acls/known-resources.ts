import "server-only";
import { WILDCARD, type AclBinding } from "@/lib/acls/acl-model";
import type { ResourceRef } from "@/lib/acls/match-bindings";
import type { Cluster } from "@/prisma/generated/client";
import { adminFor } from "@/server/kafka/client-registry";

/**
 * The topics and consumer groups a prefix or `*` among these bindings may cover, so previews and principal pages
 * can say which ones they reach. Nothing is listed when every binding names its resource literally.
 */
export async function knownResourcesFor(cluster: Cluster, bindings: readonly AclBinding[]): Promise<ResourceRef[]> {
  const open = bindings.filter((b) => b.patternType === "PREFIXED" || b.resourceName === WILDCARD);
  const wantTopics = open.some((b) => b.resourceType === "TOPIC");
  const wantGroups = open.some((b) => b.resourceType === "GROUP");
  if (!wantTopics && !wantGroups) return [];
  const admin = await adminFor(cluster);
  const [topics, groups] = await Promise.all([
    wantTopics ? admin.listTopics() : Promise.resolve([] as string[]),
    wantGroups ? admin.listGroups().then((r) => r.groups.map((g) => g.groupId)) : Promise.resolve([] as string[]),
  ]);
  return [
    ...topics.filter((t) => !t.startsWith("__")).sort().map((name) => ({ resourceType: "TOPIC" as const, name })),
    ...groups.sort().map((name) => ({ resourceType: "GROUP" as const, name })),
  ];
}
