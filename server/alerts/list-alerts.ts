import "server-only";
import type { AlertEventView, AlertsView } from "@/lib/alerts/alert-views";
import type { Cluster } from "@/prisma/generated/client";
import { prisma } from "@/server/db/prisma";
import { knownLag } from "@/server/groups/lag-sampler";
import { toAlertRuleView } from "./alert-rule-view";

export const RECENT_EVENTS = 200;

/** The cluster's rules, its most recent events with their webhook deliveries, and the groups it has. */
export async function listAlerts(cluster: Cluster): Promise<AlertsView> {
  const [rules, firing, events, lag] = await Promise.all([
    prisma.alertRule.findMany({ where: { clusterId: cluster.id }, orderBy: { createdAt: "asc" } }),
    prisma.alertEvent.groupBy({ by: ["ruleId"], where: { clusterId: cluster.id, state: "firing" }, _count: { _all: true } }),
    prisma.alertEvent.findMany({
      where: { clusterId: cluster.id },
      orderBy: [{ firedAt: "desc" }, { id: "desc" }],
      take: RECENT_EVENTS,
      include: { rule: { select: { name: true, kind: true } }, deliveries: { orderBy: { createdAt: "asc" } } },
    }),
    // The groups the cluster has, for the rule form: as this instance knows them (its own or the leader's stored sample).
    knownLag(cluster).catch(() => null),
  ]);
  const firingBy = new Map(firing.map((f) => [f.ruleId, f._count._all]));
  return {
    rules: rules.map((r) => toAlertRuleView(r, firingBy.get(r.id) ?? 0)),
    events: events.map(
      (e): AlertEventView => ({
        id: e.id,
        ruleId: e.ruleId,
        ruleName: e.rule.name,
        kind: e.rule.kind as AlertEventView["kind"],
        groupId: e.groupId,
        state: e.state === "resolved" ? "resolved" : "firing",
        message: e.message,
        firedAt: e.firedAt.toISOString(),
        resolvedAt: e.resolvedAt?.toISOString() ?? null,
        deliveries: e.deliveries.map((d) => ({
          id: d.id,
          transition: d.transition === "resolved" ? "resolved" : "firing",
          status: d.status === "delivered" || d.status === "failed" ? d.status : "pending",
          attempts: d.attempts,
          lastError: d.lastError,
          lastStatus: d.lastStatus,
          nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
          deliveredAt: d.deliveredAt?.toISOString() ?? null,
        })),
      }),
    ),
    groups: lag?.state ? lag.state.latest.groups.map((grp) => grp.groupId) : null,
  };
}
