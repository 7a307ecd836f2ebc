// Lag alert rules: what a rule says (its zod schema, checked in the form and again on the server), and the
// evaluator that turns one lag sample into the alerts to fire and to resolve. Pure: the engine on the server
// keeps the "condition true since" times between samples and writes what the evaluator decides.
import { z } from "zod";
import { clusterIdSchema } from "../clusters/cluster-schema";
import type { GroupSummary } from "../groups/group-summary";
import { check, type Check } from "./alert-conditions";
import type { BurrowGroupStatus, LagStatus } from "../groups/lag-types";
import { checkConformanceRule, conformanceRuleShape } from "./conformance-rules";

/**
 * What a rule watches: total lag in messages; the worst partition status ("status"); the group status as Burrow
 * reports it ("group-status"); how far behind in time ("time-lag"); messages deleted by retention before the group
 * read them ("retention-loss"); the share of a topic's newest messages that conform to its contract
 * ("conformance", issue 19: a topic, not a group; evaluated by server/contracts/conformance-alerts.ts).
 */
export const ALERT_KINDS = ["lag", "status", "group-status", "time-lag", "retention-loss", "conformance"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** The partition statuses a status rule may watch (OK is what "resolved" means, so it is not one of them). */
export const ALERTABLE_STATUSES = ["WARN", "REWIND", "STALL", "STOP"] as const satisfies readonly LagStatus[];
export type AlertableStatus = (typeof ALERTABLE_STATUSES)[number];
/** The group statuses (Burrow's) a group-status rule may watch. */
export const ALERTABLE_GROUP_STATUSES = ["WARN", "ERR"] as const satisfies readonly BurrowGroupStatus[];
export type AlertableGroupStatus = (typeof ALERTABLE_GROUP_STATUSES)[number];

export const MAX_FOR_MINUTES = 1440;
/** A time-lag rule's threshold is at most a week behind. */
export const MAX_BEHIND_MINUTES = 7 * 1440;

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
  kind: z.enum(ALERT_KINDS, { error: "Choose what the rule watches" }),
  lagAbove: z
    .number({ error: "Enter a lag (messages)" })
    .int("Lag is a whole number of messages")
    .min(0, "Lag cannot be negative")
    .max(Number.MAX_SAFE_INTEGER, "That lag is too large")
    .optional(),
  statuses: z.array(z.enum([...ALERTABLE_STATUSES, "ERR"])).optional(),
  behindMinutes: z
    .number({ error: "Enter a number of minutes" })
    .positive("More than 0 minutes")
    .max(MAX_BEHIND_MINUTES, `At most ${MAX_BEHIND_MINUTES} minutes (a week)`)
    .optional(),
  lostAbove: z
    .number({ error: "Enter a number of messages" })
    .int("Messages are a whole number")
    .min(0, "At least 0 messages")
    .max(Number.MAX_SAFE_INTEGER, "That number is too large")
    .optional(),
  ...conformanceRuleShape,
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

/** The checks across fields: each kind needs its threshold, status rules statuses of their own kind. */
function checkRule(r: { kind: AlertKind; lagAbove?: number; statuses?: readonly string[]; behindMinutes?: number; topic?: string; conformanceBelow?: number }, ctx: z.RefinementCtx) {
  if (r.kind === "conformance") return checkConformanceRule(r, ctx);
  if (r.kind === "lag" && r.lagAbove === undefined) ctx.addIssue({ code: "custom", path: ["lagAbove"], message: "Enter a lag (messages)" });
  if (r.kind === "time-lag" && r.behindMinutes === undefined) ctx.addIssue({ code: "custom", path: ["behindMinutes"], message: "Enter how many minutes behind" });
  if (r.kind !== "status" && r.kind !== "group-status") return;
  const allowed: readonly string[] = r.kind === "status" ? ALERTABLE_STATUSES : ALERTABLE_GROUP_STATUSES;
  if (!r.statuses?.length) ctx.addIssue({ code: "custom", path: ["statuses"], message: "Choose at least one status" });
  else if (r.statuses.some((x) => !allowed.includes(x))) ctx.addIssue({ code: "custom", path: ["statuses"], message: `Choose among ${allowed.join(", ")}` });
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
  /** "lag": messages. */
  lagAbove: number | null;
  /** "status": partition statuses; "group-status": Burrow's group statuses. */
  statuses: readonly string[];
  /** "time-lag": seconds behind. */
  behindSeconds: number | null;
  /** "retention-loss": messages lost above this (0: any). */
  lostAbove: number | null;
  /** "conformance": the topic watched, and the share (percent) below which it fires. */
  topic?: string | null;
  conformanceBelow?: number | null;
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

export { describeRule } from "./alert-conditions";

export const sinceKey = (ruleId: string, groupId: string) => `${ruleId}\u0000${groupId}`;

/** Statuses stored comma-separated in the database, as a list. */
export function parseStatuses(stored: string | null | undefined): string[] {
  return (stored ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
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

      const result: Check = !applies
        ? { holds: false, reason: "the rule no longer applies to this group" }
        : !group
          ? { holds: false, reason: "the group is gone" }
          : group.error
            ? { unknown: true }
            : check(rule, group);

      if ("unknown" in result) {
        // Unknown this time (offsets unreadable, no history yet): keep whatever was known.
        const was = since.get(key);
        if (was !== undefined) out.since.set(key, was);
      } else if (result.holds) {
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
