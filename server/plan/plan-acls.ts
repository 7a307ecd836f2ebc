import "server-only";
import type { Admin } from "kafkajs";
import type { AclBinding, AclOperation, AclPermission, PatternType, ResourceType } from "@/lib/acls/acl-model";
import type { QuotaEntity } from "@/lib/acls/client-quotas";
import { designQuotas } from "@/lib/acls/design-bindings";
import { designUsesAccess, planAccess, type AccessPlan, type QuotaValues, type RecordedAccess } from "@/lib/acls/plan-access";
import type { Topology } from "@/lib/designs/design-schema";
import type { Cluster, Prisma } from "@/prisma/generated/client";
import { prisma } from "@/server/db/prisma";
import { readClusterAccess } from "./read-cluster-access";

type Db = Prisma.TransactionClient | typeof prisma;

type BindingRow = { resourceType: string; resourceName: string; patternType: string; principal: string; host: string; operation: string; permission: string };

export const bindingOfRow = (r: BindingRow): AclBinding => ({
  resourceType: r.resourceType as ResourceType,
  resourceName: r.resourceName,
  patternType: r.patternType as PatternType,
  principal: r.principal,
  host: r.host,
  operation: r.operation as AclOperation,
  permission: r.permission as AclPermission,
});

/** What the store remembers Topiary created on the cluster, for this design and for the others. */
export async function recordedAccess(designId: string, clusterId: string, db: Db = prisma): Promise<RecordedAccess> {
  const [mine, others, quotas] = await Promise.all([
    db.designAclBinding.findMany({ where: { designId, clusterId } }),
    db.designAclBinding.findMany({ where: { clusterId, designId: { not: designId } }, include: { design: { select: { name: true } } } }),
    db.designClientQuota.findMany({ where: { designId, clusterId } }),
  ]);
  return {
    mine: mine.map(bindingOfRow),
    others: others.map((r) => ({ binding: bindingOfRow(r), designName: r.design.name })),
    quotas: quotas.map((q) => ({ entity: JSON.parse(q.entity) as QuotaEntity, values: JSON.parse(q.values) as QuotaValues })),
  };
}

/**
 * The design's bindings and quotas planned against the cluster, or undefined when the design has no identities
 * and applied none here (then the cluster's ACLs are not even read).
 */
export async function planDesignAccess(designId: string, cluster: Cluster, topology: Topology, admin: Admin): Promise<AccessPlan | undefined> {
  const recorded = await recordedAccess(designId, cluster.id);
  if (!designUsesAccess(topology, recorded)) return undefined;
  const live = await readClusterAccess(cluster, admin, { quotas: designQuotas(topology).length > 0 || recorded.quotas.length > 0 });
  return planAccess(topology, live, recorded);
}
