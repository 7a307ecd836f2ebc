import "server-only";
import type { AlertKind } from "@/lib/lag/alert-rules";
import { parseStatuses } from "@/lib/lag/alert-rules";
import type { AlertRuleView } from "@/lib/lag/alert-views";
import { webhookOrigin } from "@/lib/lag/webhook-delivery";
import type { AlertRule } from "@/prisma/generated/client";

/** A rule for the browser: the webhook address reduced to its origin (its path or query may hold a token). */
export function toAlertRuleView(rule: AlertRule, firing = 0): AlertRuleView {
  return {
    id: rule.id,
    name: rule.name,
    groupId: rule.groupId,
    kind: rule.kind as AlertKind,
    lagAbove: rule.lagAbove,
    statuses: parseStatuses(rule.statuses),
    forMinutes: rule.forMinutes,
    webhookOrigin: webhookOrigin(rule.webhookUrl),
    enabled: rule.enabled,
    firing,
    createdAt: rule.createdAt.toISOString(),
  };
}
