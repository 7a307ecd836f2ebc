import "server-only";
import { toRuleSpec } from "./alert-rule-view";
import { evaluateAlertRules, sinceKey, type ConditionSince } from "@/lib/alerts/alert-rules";
import { summarizeGroup } from "@/lib/groups/group-summary";
import type { AlertRule, Cluster, Prisma } from "@/prisma/generated/client";
import { prisma } from "@/server/db/prisma";
import { recordEvaluation, recordResolved } from "./alert-events";
import { kickWebhookDelivery, startWebhookSweep } from "./deliver-webhooks";
import { onLagSample, type ClusterLagState } from "../groups/lag-sampler";
import { registerConformanceAlerts } from "../contracts/conformance-alerts";

// Alert rules, run on every lag sample of the sampling leader (one instance per cluster: lag-sampler.ts): the
// evaluator (lib/alerts/alert-rules.ts) decides what fires and what resolves; this writes the events and their
// webhook deliveries, and starts delivering. How long each condition has held is kept in the store
// (AlertCondition), so a "for N minutes" wait survives a restart and a change of leader; an event is opened at
// most once per rule and group (its open key is unique), whichever instance records it.

const CHUNK = 500;

/** Runs alert rules on every sample of every cluster this instance samples. Called once at start-up. */
export function registerAlertEngine(): void {
  onLagSample(runAlertRules);
  registerConformanceAlerts();
  startWebhookSweep();
}

/** Applies the cluster's enabled rules to its latest sample. */
export async function runAlertRules(cluster: Cluster, state: ClusterLagState): Promise<void> {
  // Conformance rules watch topics, not lag: server/contracts/conformance-alerts.ts runs them.
  const rules = await prisma.alertRule.findMany({ where: { clusterId: cluster.id, enabled: true, kind: { not: "conformance" } } });
  const ruleIds = rules.map((r) => r.id);
  // Times of rules turned off or removed meanwhile are not kept.
  await prisma.alertCondition.deleteMany({ where: { clusterId: cluster.id, ruleId: { notIn: ruleIds }, rule: { kind: { not: "conformance" } } } });
  if (!rules.length) return;
  const [open, stored] = await Promise.all([
    prisma.alertEvent.findMany({ where: { clusterId: cluster.id, state: "firing", ruleId: { in: ruleIds } }, select: { id: true, ruleId: true, groupId: true } }),
    prisma.alertCondition.findMany({ where: { clusterId: cluster.id, ruleId: { in: ruleIds } }, select: { ruleId: true, groupId: true, since: true } }),
  ]);
  const since: ConditionSince = new Map(stored.map((c) => [sinceKey(c.ruleId, c.groupId), c.since.getTime()]));
  const groups = state.latest.groups.map((grp) => summarizeGroup(grp, state.verdicts.get(grp.groupId), state.timeLags.get(grp.groupId)?.group));
  const now = state.latest.takenAt;
  const result = evaluateAlertRules({ rules: rules.map(toRuleSpec), groups, since, open, now });
  await saveConditions(cluster.id, since, result.since);

  await recordEvaluation(cluster, rules, result, now, "group");
}

/** Writes what changed in the since-times: conditions that began to hold, and the ones that stopped. */
async function saveConditions(clusterId: string, before: ConditionSince, after: ConditionSince): Promise<void> {
  const added: { ruleId: string; groupId: string; clusterId: string; since: Date }[] = [];
  for (const [key, at] of after) {
    if (before.has(key)) continue;
    const [ruleId, groupId] = splitSinceKey(key);
    added.push({ ruleId, groupId, clusterId, since: new Date(at) });
  }
  const gone = new Map<string, string[]>();
  for (const key of before.keys()) {
    if (after.has(key)) continue;
    const [ruleId, groupId] = splitSinceKey(key);
    gone.set(ruleId, [...(gone.get(ruleId) ?? []), groupId]);
  }
  for (const [ruleId, groupIds] of gone) {
    for (let i = 0; i < groupIds.length; i += CHUNK) await prisma.alertCondition.deleteMany({ where: { ruleId, groupId: { in: groupIds.slice(i, i + CHUNK) } } });
  }
  for (let i = 0; i < added.length; i += CHUNK) {
    const part = added.slice(i, i + CHUNK);
    // A rule removed meanwhile (its conditions cascade away) or a row another instance wrote: one by one then.
    await prisma.alertCondition.createMany({ data: part }).catch(async () => {
      for (const c of part) await prisma.alertCondition.create({ data: c }).catch(() => {});
    });
  }
}

function splitSinceKey(key: string): [string, string] {
  const i = key.indexOf("\u0000");
  return [key.slice(0, i), key.slice(i + 1)];
}

/** Forgets how long a rule's condition has held (its settings changed, or it was turned off), in the rule's transaction. */
export async function forgetAlertRule(tx: Prisma.TransactionClient, ruleId: string): Promise<void> {
  await tx.alertCondition.deleteMany({ where: { ruleId } });
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
