import "server-only";
import type { AuditFacets } from "@/lib/audit/audit-query";
import { prisma } from "@/server/db/prisma";

/**
 * The users, actions and clusters that appear in the audit log, for its filters. Clusters are named as in
 * their latest record: a renamed cluster shows its newest name, a removed one is still there.
 */
export async function listAuditFacets(): Promise<AuditFacets> {
  const [users, actions, clusters] = await Promise.all([
    // GROUP BY in SQLite (Prisma's `distinct` would read every row into memory).
    prisma.auditRecord.groupBy({ by: ["username"], orderBy: { username: "asc" } }),
    prisma.auditRecord.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
    prisma.auditRecord.groupBy({ by: ["clusterId", "clusterName"], where: { clusterId: { not: null } }, _max: { at: true } }),
  ]);
  const latest = new Map<string, { name: string; at: number }>();
  for (const c of clusters) {
    const at = c._max.at?.getTime() ?? 0;
    const seen = latest.get(c.clusterId!);
    if (!seen || at > seen.at) latest.set(c.clusterId!, { name: c.clusterName ?? c.clusterId!, at });
  }
  return {
    users: users.map((u) => u.username),
    actions: actions.map((a) => a.action),
    clusters: [...latest].map(([id, { name }]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}
