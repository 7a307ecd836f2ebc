// What the alerts page shows: rules, their events and the webhook deliveries of each. Plain JSON-safe data,
// the webhook address as its origin only.
import type { AlertKind, AlertRuleSpec } from "./alert-rules";

/** A rule as the evaluator reads it, and what the page shows besides. */
export interface AlertRuleView extends AlertRuleSpec {
  /** Origin of the webhook address (never its path or query); null when the rule has none. */
  webhookOrigin: string | null;
  enabled: boolean;
  /** Events of this rule firing now. */
  firing: number;
  createdAt: string;
}

export interface WebhookDeliveryView {
  id: string;
  transition: "firing" | "resolved";
  status: "pending" | "delivered" | "failed";
  attempts: number;
  lastError: string | null;
  lastStatus: number | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

export interface AlertEventView {
  id: string;
  ruleId: string;
  ruleName: string;
  /** The rule's kind: a "conformance" event's groupId is the topic it is about. */
  kind?: AlertKind;
  groupId: string;
  state: "firing" | "resolved";
  message: string;
  firedAt: string;
  resolvedAt: string | null;
  deliveries: WebhookDeliveryView[];
}

export interface AlertsView {
  rules: AlertRuleView[];
  /** The most recent events, newest first. */
  events: AlertEventView[];
  /** Group ids of the cluster's latest lag sample (for choosing a group); null before the first sample. */
  groups: string[] | null;
}

/** A delivery's state in words: "delivered", "pending, attempt 3 due 10:04:05", "failed after 6 attempts: HTTP 500". */
export function describeDelivery(d: WebhookDeliveryView, formatTime: (iso: string) => string = (iso) => iso): string {
  if (d.status === "delivered") return d.attempts > 1 ? `delivered on attempt ${d.attempts}` : "delivered";
  if (d.status === "failed") return `failed after ${d.attempts} attempt${d.attempts === 1 ? "" : "s"}${d.lastError ? `: ${d.lastError}` : ""}`;
  const next = `pending, attempt ${d.attempts + 1}${d.nextAttemptAt ? ` due ${formatTime(d.nextAttemptAt)}` : ""}`;
  return d.lastError ? `${next} (last: ${d.lastError})` : next;
}
