import "server-only";
import { conformanceKey, evaluateConformanceRules, type TopicShare } from "@/lib/alerts/conformance-rules";
import type { ConditionSince } from "@/lib/alerts/alert-rules";
import { conformancePercent } from "@/lib/contracts/conformance";
import { stableHash } from "@/lib/plan/stable-hash";
import type { Cluster } from "@/prisma/generated/client";
import { toRuleSpec } from "@/server/alerts/alert-rule-view";
import { recordEvaluation } from "@/server/alerts/alert-events";
import { prisma } from "@/server/db/prisma";
import { onLagSample } from "@/server/groups/lag-sampler";
import { logger } from "@/server/log";
import { topicContracts } from "@/server/registry/topic-contracts";
import { SAMPLE_EVERY_MS, topicConformance } from "./conformance";

// Conformance alert rules (issue 19, item 7), run by the sampling leader of a cluster (one instance per cluster,
// as lag rules are: it hooks on the lag sampler's rounds) every 5 minutes while the cluster has enabled
// conformance rules: each watched topic's newest messages are checked against its contracts from the designs
// bound to the cluster (the lowest share counts when designs disagree), then the rules fire or resolve like lag
// rules: condition times in the store (AlertCondition, keyed by rule and topic), one open event per rule and
// topic, webhook deliveries with the event. A topic without a contract, or with no message, changes nothing.

const g = globalThis as unknown as { topiaryConformanceRounds?: Map<string, { at: number; running: boolean }> };
const rounds = (g.topiaryConformanceRounds ??= new Map());

/** Hooks the rounds on the lag sampler (the leader's): called once at start-up, from the alert engine. */
export function registerConformanceAlerts(): void {
  onLagSample(async (cluster) => {
    const r = rounds.get(cluster.id);
    if (r?.running || (r && Date.now() - r.at < SAMPLE_EVERY_MS)) return;
    rounds.set(cluster.id, { at: Date.now(), running: true });
    // In the background: a lag round does not wait for message samples.
    void runConformanceAlerts(cluster)
      .catch((e) => logger.error("conformance alert round failed", { cluster: cluster.name, error: e }))
      .finally(() => rounds.set(cluster.id, { at: Date.now(), running: false }));
  });
}

/** A topic's lowest share over the distinct contracts the cluster's designs give it; null when none tells anything. */
async function shareOf(cluster: Cluster, topic: string): Promise<TopicShare | null> {
  const contracts = await topicContracts(cluster.id, topic);
  const distinct = new Map(contracts.map((c) => [stableHash(c.contract), c]));
  let worst: TopicShare | null = null;
  for (const c of distinct.values()) {
    const result = await topicConformance(cluster, topic, c.contract);
    const percent = result.error ? null : conformancePercent(result);
    if (percent === null) continue;
    if (!worst || percent < worst.percent) worst = { percent, sampled: result.sampled, against: `design ${c.designName}'s contract` };
  }
  return worst;
}

/** One round: the cluster's enabled conformance rules evaluated on fresh (or ≤ 5 min old) samples. */
export async function runConformanceAlerts(cluster: Cluster, now = Date.now()): Promise<void> {
  const rules = await prisma.alertRule.findMany({ where: { clusterId: cluster.id, enabled: true, kind: "conformance" } });
  if (!rules.length) return;
  const ruleIds = rules.map((r) => r.id);
  const topics = [...new Set(rules.map((r) => r.groupId).filter((t): t is string => !!t))];
  const shares = new Map<string, TopicShare | null>();
  for (const topic of topics) shares.set(topic, await shareOf(cluster, topic));
  const [open, stored] = await Promise.all([
    prisma.alertEvent.findMany({ where: { clusterId: cluster.id, state: "firing", ruleId: { in: ruleIds } }, select: { id: true, ruleId: true, groupId: true } }),
    prisma.alertCondition.findMany({ where: { ruleId: { in: ruleIds } }, select: { ruleId: true, groupId: true, since: true } }),
  ]);
  const since: ConditionSince = new Map(stored.map((c) => [conformanceKey(c.ruleId, c.groupId), c.since.getTime()]));
  const result = evaluateConformanceRules({ rules: rules.map(toRuleSpec), shares, since, open, now });

  // Condition times: those that began to hold are written, those that stopped removed.
  for (const c of stored) if (!result.since.has(conformanceKey(c.ruleId, c.groupId))) await prisma.alertCondition.deleteMany({ where: { ruleId: c.ruleId, groupId: c.groupId } });
  for (const [key, at] of result.since) {
    if (since.has(key)) continue;
    const [ruleId, topic] = key.split("\u0000");
    await prisma.alertCondition.create({ data: { ruleId, groupId: topic, clusterId: cluster.id, since: new Date(at) } }).catch(() => {});
  }

  await recordEvaluation(cluster, rules, result, now, "topic");
}
