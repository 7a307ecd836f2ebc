import "server-only";
import type { AlertEvaluation } from "@/lib/alerts/alert-rules";
import type { AlertRule, Cluster } from "@/prisma/generated/client";
import { prisma } from "@/server/db/prisma";
import { logger } from "@/server/log";
import { kickWebhookDelivery } from "./deliver-webhooks";

// Writing an alert's transitions: each with its webhook delivery (when the rule has a webhook) in one
// transaction, so a firing is never recorded without the POST that announces it, nor the other way round. An
// event firing holds its open key ("<rule id> <group id>", unique), so a second firing of the same rule for the
// same group is refused by the store, whichever instance tries.

export const openKeyOf = (ruleId: string, groupId: string) => `${ruleId} ${groupId}`;

/** A new firing event for one group; null when one is already open. */
export async function recordFiring(rule: Pick<AlertRule, "id" | "clusterId" | "webhookUrl">, groupId: string, message: string, at: Date): Promise<string | null> {
  try {
    return await prisma.$transaction(async (tx) => {
      const event = await tx.alertEvent.create({
        data: { ruleId: rule.id, clusterId: rule.clusterId, groupId, state: "firing", message, firedAt: at, openKey: openKeyOf(rule.id, groupId) },
      });
      if (rule.webhookUrl) await tx.webhookDelivery.create({ data: { eventId: event.id, transition: "firing", status: "pending" } });
      return event.id;
    });
  } catch (e) {
    if ((e as { code?: unknown })?.code === "P2002") return null;
    throw e;
  }
}

/** Resolves an event that is still firing; false when it was not (already resolved, or gone). */
export async function recordResolved(eventId: string, hasWebhook: boolean, at: Date): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.alertEvent.updateMany({ where: { id: eventId, state: "firing" }, data: { state: "resolved", resolvedAt: at, openKey: null } });
    if (count && hasWebhook) await tx.webhookDelivery.create({ data: { eventId, transition: "resolved", status: "pending" } });
    return count > 0;
  });
}

/**
 * Records what one evaluation of a cluster's rules fired and resolved (each once, whichever instance evaluates),
 * and starts the webhook deliveries that need it. `subject` names what the rules watch, in the log: lag rules a
 * group, conformance rules a topic (both kept in the events' group id).
 */
export async function recordEvaluation(cluster: Pick<Cluster, "name">, rules: AlertRule[], result: Pick<AlertEvaluation, "fire" | "resolve">, now: number, subject: "group" | "topic"): Promise<void> {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const at = new Date(now);
  let deliveries = 0;
  for (const f of result.fire) {
    const rule = byId.get(f.ruleId)!;
    if (!(await recordFiring(rule, f.groupId, f.message, at))) continue;
    if (rule.webhookUrl) deliveries++;
    logger.info("alert firing", { cluster: cluster.name, rule: rule.name, [subject]: f.groupId, message: f.message });
  }
  for (const r of result.resolve) {
    const rule = byId.get(r.ruleId)!;
    if ((await recordResolved(r.eventId, !!rule.webhookUrl, at)) && rule.webhookUrl) deliveries++;
    logger.info("alert resolved", { cluster: cluster.name, rule: rule.name, [subject]: r.groupId, reason: r.reason });
  }
  if (deliveries) kickWebhookDelivery();
}
