import "server-only";
import type { AlertRule } from "@/prisma/generated/client";
import { prisma } from "@/server/db/prisma";

// Writing an alert's transitions: each with its webhook delivery (when the rule has a webhook) in one
// transaction, so a firing is never recorded without the POST that announces it, nor the other way round.

/** A new firing event for one group. */
export async function recordFiring(rule: Pick<AlertRule, "id" | "clusterId" | "webhookUrl">, groupId: string, message: string, at: Date): Promise<string> {
  return prisma.$transaction(async (tx) => {
    const event = await tx.alertEvent.create({ data: { ruleId: rule.id, clusterId: rule.clusterId, groupId, state: "firing", message, firedAt: at } });
    if (rule.webhookUrl) await tx.webhookDelivery.create({ data: { eventId: event.id, transition: "firing", status: "pending" } });
    return event.id;
  });
}

/** Resolves an event that is still firing; false when it was not (already resolved, or gone). */
export async function recordResolved(eventId: string, hasWebhook: boolean, at: Date): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.alertEvent.updateMany({ where: { id: eventId, state: "firing" }, data: { state: "resolved", resolvedAt: at } });
    if (count && hasWebhook) await tx.webhookDelivery.create({ data: { eventId, transition: "resolved", status: "pending" } });
    return count > 0;
  });
}
