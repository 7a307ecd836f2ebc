import "server-only";
import type { z } from "zod";
import type { AlertRuleValues, updateAlertRuleInputSchema } from "@/lib/alerts/alert-rules";
import type { AlertRuleView } from "@/lib/alerts/alert-views";
import { AppError } from "@/lib/errors/app-error";
import type { AlertRule } from "@/prisma/generated/client";
import { auditedTransaction } from "@/server/audit/audited-transaction";
import { prisma } from "@/server/db/prisma";
import { forgetAlertRule, resolveRuleEvents } from "@/server/alerts/alert-engine";
import { logger } from "@/server/log";
import { assertWebhookUrlAllowed } from "@/server/net/check-address-policy";
import { toAlertRuleView } from "./alert-rule-view";

// Creating, changing, turning off and removing a cluster's alert rules. The guarded actions have checked the
// caller and loaded the cluster; a rule is only found within that cluster.

async function findRule(clusterId: string, id: string): Promise<AlertRule> {
  const rule = await prisma.alertRule.findFirst({ where: { id, clusterId } });
  if (!rule) throw new AppError("NOT_FOUND", { userMessage: "That alert rule does not exist (it may have been removed)." });
  return rule;
}

async function assertNameFree(clusterId: string, name: string, exceptId?: string) {
  const clash = await prisma.alertRule.findFirst({ where: { clusterId, name, ...(exceptId ? { NOT: { id: exceptId } } : {}) } });
  if (clash) {
    const message = `This cluster already has a rule named "${name}"`;
    throw new AppError("CONFLICT", { userMessage: message, fieldErrors: { name: message } });
  }
}

/** The threshold of the rule's kind, stored in the `lagAbove` column (alert-rule-view.ts reads it back). */
function threshold(values: AlertRuleValues): number | null {
  switch (values.kind) {
    case "lag":
      return values.lagAbove ?? 0;
    case "time-lag":
      return Math.round((values.behindMinutes ?? 0) * 60);
    case "retention-loss":
      return values.lostAbove ?? 0;
    case "conformance":
      return values.conformanceBelow ?? 0;
    default:
      return null;
  }
}

/** The stored columns of a rule's settings: only the threshold and statuses its kind uses. */
function columns(values: AlertRuleValues) {
  return {
    name: values.name,
    // A conformance rule watches a topic: kept in the group column (alert-rule-view.ts reads it back).
    groupId: (values.kind === "conformance" ? values.topic : values.groupId) ?? null,
    kind: values.kind,
    lagAbove: threshold(values),
    statuses: values.kind === "status" || values.kind === "group-status" ? (values.statuses ?? []).join(",") : null,
    forMinutes: values.forMinutes,
  };
}

export async function createAlertRule(clusterId: string, values: AlertRuleValues): Promise<AlertRuleView> {
  await assertWebhookUrlAllowed(values.webhookUrl);
  await assertNameFree(clusterId, values.name);
  const rule = await auditedTransaction((tx) => tx.alertRule.create({ data: { clusterId, ...columns(values), webhookUrl: values.webhookUrl ?? null, enabled: true } }));
  logger.info("alert rule created", { clusterId, ruleId: rule.id, name: rule.name });
  return toAlertRuleView(rule);
}

export async function updateAlertRule(input: z.output<typeof updateAlertRuleInputSchema>): Promise<AlertRuleView> {
  const { clusterId, id, keepWebhook, ...values } = input;
  const previous = await findRule(clusterId, id);
  await assertWebhookUrlAllowed(values.webhookUrl);
  await assertNameFree(clusterId, values.name, id);
  const webhookUrl = values.webhookUrl ?? (keepWebhook ? previous.webhookUrl : null);
  // The condition may mean something else now: its "held since" starts over (in the store, for every instance).
  // Open events stay until the next sample, which resolves those the new settings no longer hold for.
  const rule = await auditedTransaction(async (tx) => {
    const updated = await tx.alertRule.update({ where: { id }, data: { ...columns(values), webhookUrl } });
    await forgetAlertRule(tx, id);
    return updated;
  });
  logger.info("alert rule updated", { clusterId, ruleId: id, name: rule.name });
  return toAlertRuleView(rule, await prisma.alertEvent.count({ where: { ruleId: id, state: "firing" } }));
}

/** Turning a rule off resolves what it has firing (announced to its webhook); turning it on starts afresh. */
export async function setAlertRuleEnabled(clusterId: string, id: string, enabled: boolean): Promise<AlertRuleView> {
  await findRule(clusterId, id);
  const rule = await auditedTransaction(async (tx) => {
    const updated = await tx.alertRule.update({ where: { id }, data: { enabled } });
    await forgetAlertRule(tx, id);
    return updated;
  });
  if (!enabled) await resolveRuleEvents(rule);
  logger.info(enabled ? "alert rule enabled" : "alert rule disabled", { clusterId, ruleId: id, name: rule.name });
  return toAlertRuleView(rule, enabled ? await prisma.alertEvent.count({ where: { ruleId: id, state: "firing" } }) : 0);
}

/** Removes a rule with its events and deliveries (the UI asks first). */
export async function deleteAlertRule(clusterId: string, id: string): Promise<{ id: string }> {
  const rule = await findRule(clusterId, id);
  // Its condition times and events go with it (cascade).
  await auditedTransaction((tx) => tx.alertRule.delete({ where: { id } }));
  logger.info("alert rule removed", { clusterId, ruleId: id, name: rule.name });
  return { id };
}
