import "server-only";
import { evaluateAlertRules, parseStatuses, type AlertKind, type AlertRuleSpec, type ConditionSince } from "@/lib/lag/alert-rules";
import { summarizeGroup } from "@/lib/lag/group-summary";
import type { AlertRule, Cluster } from "@/prisma/generated/client";
import { prisma } from "@/server/db/prisma";
import { logger } from "@/server/log";
import { recordFiring, recordResolved } from "./alert-events";
import { kickWebhookDelivery } from "./deliver-webhooks";
import { onLagSample, type ClusterLagState } from "./lag-sampler";

// Alert rules, run on every lag sample: the evaluator (lib/lag/alert-rules.ts) decides what fires and what
// resolves; this writes the events and their webhook deliveries, and starts delivering. How long each
// condition has held is kept in memory: after a restart a "for N minutes" wait starts again, while events
// already firing stay open (they are in the database).

interface AlertGlobals {
  /** cluster id → the since-times of its rules. */
  since: Map<string, ConditionSince>;
}
// On globalThis: Next may load this module more than once in one process (instrumentation and routes).
const g = globalThis as unknown as { topiaryAlerts?: AlertGlobals };
const alerts: AlertGlobals = (g.topiaryAlerts ??= { since: new Map() });

/** Runs alert rules on every sample of every cluster. Called once at start-up. */
export function registerAlertEngine(): void {
  onLagSample(runAlertRules);
  // Deliveries left pending by a previous run of the server.
  kickWebhookDelivery();
}

export function toRuleSpec(rule: AlertRule): AlertRuleSpec {
  return {
    id: rule.id,
    name: rule.name,
    groupId: rule.groupId,
    kind: rule.kind as AlertKind,
    lagAbove: rule.lagAbove,
    statuses: parseStatuses(rule.statuses),
    forMinutes: rule.forMinutes,
  };
}

/** Applies the cluster's enabled rules to its latest sample. */
export async function runAlertRules(cluster: Cluster, state: ClusterLagState): Promise<void> {
  const rules = await prisma.alertRule.findMany({ where: { clusterId: cluster.id, enabled: true } });
  if (!rules.length) {
    alerts.since.delete(cluster.id);
    return;
  }
  const open = await prisma.alertEvent.findMany({
    where: { clusterId: cluster.id, state: "firing", ruleId: { in: rules.map((r) => r.id) } },
    select: { id: true, ruleId: true, groupId: true },
  });
  const groups = state.latest.groups.map((grp) => summarizeGroup(grp, state.verdicts.get(grp.groupId)));
  const now = state.latest.takenAt;
  const result = evaluateAlertRules({ rules: rules.map(toRuleSpec), groups, since: alerts.since.get(cluster.id) ?? new Map(), open, now });
  alerts.since.set(cluster.id, result.since);

  const byId = new Map(rules.map((r) => [r.id, r]));
  const at = new Date(now);
  let deliveries = 0;
  for (const f of result.fire) {
    const rule = byId.get(f.ruleId)!;
    await recordFiring(rule, f.groupId, f.message, at);
    if (rule.webhookUrl) deliveries++;
    logger.info("alert firing", { cluster: cluster.name, rule: rule.name, group: f.groupId, message: f.message });
  }
  for (const r of result.resolve) {
    const rule = byId.get(r.ruleId)!;
    if ((await recordResolved(r.eventId, !!rule.webhookUrl, at)) && rule.webhookUrl) deliveries++;
    logger.info("alert resolved", { cluster: cluster.name, rule: rule.name, group: r.groupId, reason: r.reason });
  }
  if (deliveries) kickWebhookDelivery();
}

/** Forgets how long a rule's condition has held (its settings changed, or it was turned off). */
export function forgetAlertRule(clusterId: string, ruleId: string): void {
  const since = alerts.since.get(clusterId);
  if (!since) return;
  for (const key of [...since.keys()]) if (key.startsWith(`${ruleId}\u0000`)) since.delete(key);
}

/** Resolves every firing event of a rule now (it was turned off), announcing each to its webhook. */
export async function resolveRuleEvents(rule: AlertRule): Promise<number> {
  const open = await prisma.alertEvent.findMany({ where: { ruleId: rule.id, state: "firing" }, select: { id: true } });
  const at = new Date();
  let resolved = 0;
  for (const e of open) if (await recordResolved(e.id, !!rule.webhookUrl, at)) resolved++;
  if (resolved && rule.webhookUrl) kickWebhookDelivery();
  return resolved;
}
