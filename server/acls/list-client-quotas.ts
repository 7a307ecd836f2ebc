import "server-only";
import { QUOTA_ENTITY_TYPES, QUOTA_KEYS, quotaEntityKey, type ClientQuotaEntry, type ClientQuotasView, type QuotaEntity, type QuotaEntityType, type QuotaKey } from "@/lib/acls/client-quotas";
import type { Cluster } from "@/prisma/generated/client";
import { withAdminConnection } from "./admin-connection";

type DescribeEntry = { entity: { entityType: string; entityName: string | null }[]; values: { key: string; value: number }[] };

/** The entries of a DescribeClientQuotas answer about users and client ids (IP quotas are left out). */
export function quotaEntries(entries: DescribeEntry[]): ClientQuotaEntry[] {
  const out: ClientQuotaEntry[] = [];
  for (const e of entries) {
    if (!e.entity.every((p) => (QUOTA_ENTITY_TYPES as readonly string[]).includes(p.entityType))) continue;
    const entity: QuotaEntity = e.entity
      .map((p) => ({ type: p.entityType as QuotaEntityType, name: p.entityName }))
      .sort((a, b) => QUOTA_ENTITY_TYPES.indexOf(a.type) - QUOTA_ENTITY_TYPES.indexOf(b.type));
    const values: Partial<Record<QuotaKey, number>> = {};
    const other: Record<string, number> = {};
    for (const v of e.values) {
      if ((QUOTA_KEYS as readonly string[]).includes(v.key)) values[v.key as QuotaKey] = v.value;
      else other[v.key] = v.value;
    }
    out.push({ entity, values, ...(Object.keys(other).length ? { other } : {}) });
  }
  return out.sort((a, b) => quotaEntityKey(a.entity).localeCompare(quotaEntityKey(b.entity)));
}

/** Every user and client-id quota on the cluster (DescribeClientQuotas, no filter). */
export async function listClientQuotas(cluster: Cluster): Promise<ClientQuotasView> {
  const r = await withAdminConnection(cluster, "describing client quotas", (connection, lib) => lib.describeClientQuotasV0.api.async(connection, [], false));
  return { entries: quotaEntries(r.entries as DescribeEntry[]) };
}
