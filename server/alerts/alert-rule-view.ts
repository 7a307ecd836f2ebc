import "server-only";
import { parseStatuses, type AlertKind, type AlertRuleSpec } from "@/lib/alerts/alert-rules";
import type { AlertRuleView } from "@/lib/alerts/alert-views";
import { webhookOrigin } from "@/lib/alerts/webhook-delivery";
import type { AlertRule } from "@/prisma/generated/client";

/**
 * A stored rule as the evaluator reads it (lib/alerts/alert-rules.ts). The `lagAbove` column holds the threshold of
 * the rule's kind: messages of lag ("lag"), seconds behind ("time-lag"), messages lost ("retention-loss"), the
 * percent conforming ("conformance", whose `groupId` column holds the topic it watches).
 */
export function toRuleSpec(rule: AlertRule): AlertRuleSpec {
  const kind = rule.kind as AlertKind;
  return {
    id: rule.id,
    name: rule.name,
    groupId: kind === "conformance" ? null : rule.groupId,
    kind,
    lagAbove: kind === "lag" ? rule.lagAbove : null,
    statuses: parseStatuses(rule.statuses),
    behindSeconds: kind === "time-lag" ? (rule.lagAbove ?? 0) : null,
    lostAbove: kind === "retention-loss" ? (rule.lagAbove ?? 0) : null,
    topic: kind === "conformance" ? rule.groupId : null,
    conformanceBelow: kind === "conformance" ? (rule.lagAbove ?? 0) : null,
    forMinutes: rule.forMinutes,
  };
}

/** A rule for the browser: the webhook address reduced to its origin (its path or query may hold a token). */
export function toAlertRuleView(rule: AlertRule, firing = 0): AlertRuleView {
  return { ...toRuleSpec(rule), webhookOrigin: webhookOrigin(rule.webhookUrl), enabled: rule.enabled, firing, createdAt: rule.createdAt.toISOString() };
}
