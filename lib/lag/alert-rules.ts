// Lag alert rules: what a rule says (its zod schema, checked in the form and again on the server), and the
// evaluator that turns one lag sample into the alerts to fire and to resolve. Pure: the engine on the server
// keeps the "condition true since" times between samples and writes what the evaluator decides.
import { z } from "zod";
import { clusterIdSchema } from "../clusters/cluster-schema";
import type { GroupSummary } from "./group-summary";
import type { LagStatus } from "./lag-types";

export const ALERT_KINDS = ["lag", "status"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** The statuses a status rule may watch (OK is what "resolved" means, so it is not one of them). */
export const ALERTABLE_STATUSES = ["WARN", "REWIND", "STALL", "STOP"] as const satisfies readonly LagStatus[];
export type AlertableStatus = (typeof ALERTABLE_STATUSES)[number];

export const MAX_FOR_MINUTES = 1440;

/** A webhook address: http or https, absolute. Blank means none. */
export function webhookUrlError(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter a full URL, such as https://hooks.example.com/topiary";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "The webhook URL must start with http:// or https://";
  return null;
}

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const alertRuleShape = {
  name: z.string().trim().min(1, "Give the rule a name").max(100, "A rule name has at most 100 characters"),
  // Blank: every group of the cluster.
  groupId: z.preprocess(blankToUndefined, z.string().trim().max(255, "A group id has at most 255 characters").optional()),
  kind: z.enum(ALERT_KINDS, { error: "Choose lag or status" }),
  lagAbove: z
    .number({ error: "Enter a lag (messages)" })
    .int("Lag is a whole number of messages")
    .min(0, "Lag cannot be negative")
    .max(Number.MAX_SAFE_INTEGER, "That lag is too large")
    .optional(),
  statuses: z.array(z.enum(ALERTABLE_STATUSES)).optional(),
  forMinutes: z
    .number({ error: "Enter a number of minutes" })
    .int("Minutes are a whole number")
    .min(0, "At least 0 minutes")
    .max(MAX_FOR_MINUTES, `At most ${MAX_FOR_MINUTES} minutes (a day)`),
  webhookUrl: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(2000, "The webhook URL is too long")
      .superRefine((v, ctx) => {
        const error = webhookUrlError(v);
        if (error) ctx.addIssue({ code: "custom", message: error });
      })
      .optional(),
  ),
};

/** The checks across fields: a lag rule needs its lag, a status rule at least one status. */
function checkRule(r: { kind: AlertKind; lagAbove?: number; statuses?: readonly string[] }, ctx: z.RefinementCtx) {
  if (r.kind === "lag" && r.lagAbove === undefined) ctx.addIssue({ code: "custom", path: ["lagAbove"], message: "Enter a lag (messages)" });
  if (r.kind === "status" && !r.statuses?.length) ctx.addIssue({ code: "custom", path: ["statuses"], message: "Choose at least one status" });
}

/** A rule as the form fills it in. */
export const alertRuleFieldsSchema = z.object(alertRuleShape).superRefine(checkRule);
export type AlertRuleFields = z.input<typeof alertRuleFieldsSchema>;
export type AlertRuleValues = z.output<typeof alertRuleFieldsSchema>;

const ruleIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "Not a rule id");

export const createAlertRuleInputSchema = z.object({ clusterId: clusterIdSchema, ...alertRuleShape }).superRefine(checkRule);
export type CreateAlertRuleInput = z.input<typeof createAlertRuleInputSchema>;

/**
 * A rule's new settings. The stored webhook address is never sent to the browser, so `keepWebhook` with a
 * blank `webhookUrl` keeps it; a blank one without `keepWebhook` removes it.
 */
export const updateAlertRuleInputSchema = z
  .object({ clusterId: clusterIdSchema, id: ruleIdSchema, ...alertRuleShape, keepWebhook: z.boolean().default(false) })
  .superRefine(checkRule);
export type UpdateAlertRuleInput = z.input<typeof updateAlertRuleInputSchema>;

export const alertRuleRefSchema = z.object({ clusterId: clusterIdSchema, id: ruleIdSchema });
export const setAlertRuleEnabledInputSchema = alertRuleRefSchema.extend({ enabled: z.boolean() });
export type SetAlertRuleEnabledInput = z.input<typeof setAlertRuleEnabledInputSchema>;

/** A rule as the evaluator sees it. */
export interface AlertRuleSpec {
  id: string;
  name: string;
  /** null: every group. */
  groupId: string | null;
  kind: AlertKind;
  lagAbove: number | null;
  statuses: readonly string[];
  forMinutes: number;
}

/** An event that is firing now. */
export interface OpenAlert {
  id: string;
  ruleId: string;
  groupId: string;
}

/** "rule id \0 group id" → when the rule's condition became true for the group (ms). */
export type ConditionSince = Map<string, number>;

export interface AlertFiring {
  ruleId: string;
  groupId: string;
  message: string;
}

export interface AlertResolution {
  eventId: string;
  ruleId: string;
  groupId: string;
  /** Why it resolved, in words. */
  reason: string;
}

export interface AlertEvaluation {
  fire: AlertFiring[];
  resolve: AlertResolution[];
  /** The since-times to carry to the next sample. */
  since: ConditionSince;
}

export const sinceKey = (ruleId: string, groupId: string) => `${ruleId}\u0000${groupId}`;

/** Statuses stored comma-separated in the database, as a list. */
export function parseStatuses(stored: string | null | undefined): string[] {
  return (stored ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

const n = (x: number) => x.toLocaleString("en-US");

function forWords(minutes: number): string {
  if (minutes <= 0) return "";
  if (minutes % 60 === 0 && minutes >= 120) return ` for ${minutes / 60} h`;
  return ` for ${minutes} min`;
}

/** What a rule watches, in words: "lag above 1,000 for 5 min", "status STALL or STOP". */
export function describeRule(rule: Pick<AlertRuleSpec, "kind" | "lagAbove" | "statuses" | "forMinutes" | "groupId">): string {
  const what = rule.kind === "lag" ? `lag above ${n(rule.lagAbove ?? 0)}` : `status ${rule.statuses.join(" or ")}`;
  return `${what}${forWords(rule.forMinutes)} on ${rule.groupId ? `group ${rule.groupId}` : "any group"}`;
}

type Check = { holds: true; message: string } | { holds: false; reason: string };

function check(rule: AlertRuleSpec, group: GroupSummary): Check {
  if (rule.kind === "lag") {
    const limit = rule.lagAbove ?? 0;
    return group.totalLag > limit
      ? { holds: true, message: `lag ${n(group.totalLag)} above ${n(limit)}${forWords(rule.forMinutes)}` }
      : { holds: false, reason: `lag ${n(group.totalLag)}, not above ${n(limit)}` };
  }
  return rule.statuses.includes(group.status)
    ? { holds: true, message: `status ${group.status}${forWords(rule.forMinutes)}${group.reason ? `: ${group.reason}` : ""}` }
    : { holds: false, reason: `status ${group.status}` };
}

/**
 * Which alerts fire and which resolve after one sample. For each rule and each group it applies to (its own
 * group, or every group of the sample), plus every group it is firing for: the condition holds → its
 * since-time is kept (or starts now), and once it has held `forMinutes` an alert fires unless one is open;
 * the condition does not hold, or the group is gone from the sample → the since-time is dropped and an open
 * alert resolves. A group whose offsets could not be read this time changes nothing (its lag is unknown).
 */
export function evaluateAlertRules(input: {
  rules: readonly AlertRuleSpec[];
  groups: readonly GroupSummary[];
  since: ConditionSince;
  open: readonly OpenAlert[];
  now: number;
}): AlertEvaluation {
  const { rules, since, open, now } = input;
  const groups = new Map(input.groups.map((g) => [g.groupId, g]));
  const openByKey = new Map(open.map((e) => [sinceKey(e.ruleId, e.groupId), e]));
  const out: AlertEvaluation = { fire: [], resolve: [], since: new Map() };

  for (const rule of rules) {
    const ids = new Set<string>(rule.groupId ? [rule.groupId] : groups.keys());
    for (const e of open) if (e.ruleId === rule.id) ids.add(e.groupId);

    for (const groupId of ids) {
      const key = sinceKey(rule.id, groupId);
      const event = openByKey.get(key);
      const group = groups.get(groupId);
      const applies = !rule.groupId || rule.groupId === groupId;

      if (group?.error && applies) {
        // Unknown this time: keep whatever was known.
        const was = since.get(key);
        if (was !== undefined) out.since.set(key, was);
        continue;
      }
      const result: Check = !applies
        ? { holds: false, reason: "the rule no longer applies to this group" }
        : !group
          ? { holds: false, reason: "the group is gone" }
          : check(rule, group);

      if (result.holds) {
        const from = since.get(key) ?? now;
        out.since.set(key, from);
        if (!event && now - from >= rule.forMinutes * 60_000) out.fire.push({ ruleId: rule.id, groupId, message: result.message });
      } else if (event) {
        out.resolve.push({ eventId: event.id, ruleId: rule.id, groupId, reason: result.reason });
      }
    }
  }
  return out;
}
