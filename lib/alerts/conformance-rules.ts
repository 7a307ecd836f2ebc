// Conformance alert rules (issue 19, item 7): "conformance below N % on topic T". Their fields (checked in the
// form and on the server), their words, and the evaluator that turns one conformance sample per topic into the
// alerts to fire and to resolve — the same shape as the lag rules' (alert-rules.ts), keyed by rule and topic.
// Pure: server/contracts/conformance-alerts.ts samples the topics and writes what this decides.
import { z } from "zod";
import { topicNameError } from "../topics/topic-name";
import type { AlertEvaluation, AlertRuleSpec, ConditionSince, OpenAlert } from "./alert-rules";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** The fields a conformance rule adds to a rule's (spread into alert-rules.ts' shape). */
export const conformanceRuleShape = {
  topic: z.preprocess(blankToUndefined, z.string().trim().max(249, "A topic name has at most 249 characters").optional()),
  conformanceBelow: z.number({ error: "Enter a percentage" }).gt(0, "More than 0 %").max(100, "At most 100 %").optional(),
};

export function checkConformanceRule(r: { topic?: string; conformanceBelow?: number }, ctx: z.RefinementCtx): void {
  if (!r.topic) ctx.addIssue({ code: "custom", path: ["topic"], message: "Enter the topic whose messages the rule checks" });
  else {
    const error = topicNameError(r.topic);
    if (error) ctx.addIssue({ code: "custom", path: ["topic"], message: error });
  }
  if (r.conformanceBelow === undefined) ctx.addIssue({ code: "custom", path: ["conformanceBelow"], message: "Enter a percentage" });
}

const pct = (x: number) => `${Math.round(x * 10) / 10} %`;

export function describeConformanceRule(rule: Pick<AlertRuleSpec, "topic" | "conformanceBelow">): string {
  return `conformance below ${pct(rule.conformanceBelow ?? 0)} on topic ${rule.topic ?? "?"}`;
}

/** One topic's latest sample as the evaluator needs it; null when it tells nothing (not sampled, nothing to check). */
export interface TopicShare {
  percent: number;
  sampled: number;
  /** The contract it was checked against, in words ("design Shop's contract"). */
  against: string;
}

export const conformanceKey = (ruleId: string, topic: string) => `${ruleId}\u0000${topic}`;

/**
 * Which conformance alerts fire and which resolve after one round of samples: per rule, its topic's share below
 * the threshold → the since-time is kept (or starts now) and after `forMinutes` an alert fires unless one is
 * open; at or above it → the since-time is dropped and an open alert resolves; unknown (no sample, an error, no
 * message, no contract) → what was known is kept. An open alert for another topic (the rule was changed) resolves.
 */
export function evaluateConformanceRules(input: {
  rules: readonly AlertRuleSpec[];
  shares: ReadonlyMap<string, TopicShare | null>;
  since: ConditionSince;
  open: readonly OpenAlert[];
  now: number;
}): AlertEvaluation {
  const out: AlertEvaluation = { fire: [], resolve: [], since: new Map() };
  for (const rule of input.rules) {
    if (rule.kind !== "conformance" || !rule.topic) continue;
    const threshold = rule.conformanceBelow ?? 0;
    for (const e of input.open) {
      if (e.ruleId === rule.id && e.groupId !== rule.topic) out.resolve.push({ eventId: e.id, ruleId: rule.id, groupId: e.groupId, reason: "the rule now watches another topic" });
    }
    const key = conformanceKey(rule.id, rule.topic);
    const event = input.open.find((e) => e.ruleId === rule.id && e.groupId === rule.topic);
    const share = input.shares.get(rule.topic) ?? null;
    if (!share) {
      const was = input.since.get(key);
      if (was !== undefined) out.since.set(key, was);
      continue;
    }
    const seen = `${pct(share.percent)} of the newest ${share.sampled.toLocaleString("en-US")} messages of ${rule.topic} conform to ${share.against}`;
    if (share.percent < threshold) {
      const from = input.since.get(key) ?? input.now;
      out.since.set(key, from);
      const held = rule.forMinutes > 0 ? ` for ${rule.forMinutes} min` : "";
      if (!event && input.now - from >= rule.forMinutes * 60_000) out.fire.push({ ruleId: rule.id, groupId: rule.topic, message: `${seen}, below ${pct(threshold)}${held}` });
    } else if (event) {
      out.resolve.push({ eventId: event.id, ruleId: rule.id, groupId: rule.topic, reason: `${seen}, not below ${pct(threshold)}` });
    }
  }
  return out;
}

export type { OpenAlert };
