import { describe, expect, it } from "vitest";
import { alertRuleFieldsSchema, describeRule, evaluateAlertRules, parseStatuses, sinceKey, type AlertRuleSpec, type ConditionSince, type OpenAlert } from "./alert-rules";
import type { GroupSummary } from "../groups/group-summary";
import type { LagStatus } from "../groups/lag-types";

const MIN = 60_000;

function group(groupId: string, totalLag: number, status: LagStatus = "OK", extra: Partial<GroupSummary> = {}): GroupSummary {
  return {
    groupId,
    state: "Empty",
    members: 0,
    topics: ["t"],
    totalLag,
    maxLag: totalLag,
    maxLagAt: null,
    status,
    burrowStatus: status === "OK" ? "OK" : status === "WARN" ? "WARN" : "ERR",
    reason: status === "OK" ? "" : `${status} on t[0]: why`,
    completeness: { text: "10 of 10 samples", judged: true },
    timeLag: { seconds: null, lowerBound: false, text: "unknown" },
    retentionLost: 0,
    pastEnd: 0,
    unavailable: 0,
    ...extra,
  };
}

function rule(over: Partial<AlertRuleSpec> = {}): AlertRuleSpec {
  return { id: "r1", name: "lagging", groupId: null, kind: "lag", lagAbove: 1000, statuses: [], behindSeconds: null, lostAbove: null, forMinutes: 0, ...over };
}

const evaluate = (rules: AlertRuleSpec[], groups: GroupSummary[], opts: { since?: ConditionSince; open?: OpenAlert[]; now?: number } = {}) =>
  evaluateAlertRules({ rules, groups, since: opts.since ?? new Map(), open: opts.open ?? [], now: opts.now ?? 10 * MIN });

describe("the alert rule schema", () => {
  const base = { name: "orders lag", kind: "lag", lagAbove: 1000, forMinutes: 5 } as const;

  it("accepts a lag rule, trims, and treats blanks as none", () => {
    const r = alertRuleFieldsSchema.parse({ ...base, name: "  orders lag ", groupId: "  ", webhookUrl: "" });
    expect(r).toEqual({ name: "orders lag", kind: "lag", lagAbove: 1000, forMinutes: 5 });
  });

  it("accepts a status rule with a subset of statuses and an https webhook", () => {
    const r = alertRuleFieldsSchema.parse({ name: "stuck", kind: "status", statuses: ["STALL", "STOP"], forMinutes: 0, groupId: "billing", webhookUrl: "https://hooks.example.com/T0/abc?token=x" });
    expect(r).toMatchObject({ groupId: "billing", statuses: ["STALL", "STOP"], webhookUrl: "https://hooks.example.com/T0/abc?token=x" });
  });

  const errorsOf = (input: unknown) => {
    const r = alertRuleFieldsSchema.safeParse(input);
    if (r.success) return {};
    return Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
  };

  it("says which field is wrong", () => {
    expect(errorsOf({ ...base, name: " " })).toEqual({ name: "Give the rule a name" });
    expect(errorsOf({ ...base, lagAbove: undefined })).toEqual({ lagAbove: "Enter a lag (messages)" });
    expect(errorsOf({ ...base, lagAbove: -1 })).toEqual({ lagAbove: "Lag cannot be negative" });
    expect(errorsOf({ ...base, lagAbove: Number.NaN })).toEqual({ lagAbove: "Enter a lag (messages)" });
    expect(errorsOf({ ...base, forMinutes: 1441 })).toEqual({ forMinutes: "At most 1440 minutes (a day)" });
    expect(errorsOf({ ...base, forMinutes: -1 })).toEqual({ forMinutes: "At least 0 minutes" });
    expect(errorsOf({ ...base, forMinutes: 1.5 })).toEqual({ forMinutes: "Minutes are a whole number" });
    expect(errorsOf({ ...base, kind: "status" })).toEqual({ statuses: "Choose at least one status" });
    expect(errorsOf({ ...base, kind: "status", statuses: [] })).toEqual({ statuses: "Choose at least one status" });
    expect(Object.keys(errorsOf({ ...base, kind: "status", statuses: ["OK"] }))).toEqual(["statuses.0"]);
    expect(errorsOf({ ...base, webhookUrl: "hooks.example.com/x" })).toEqual({ webhookUrl: expect.stringContaining("full URL") });
    expect(errorsOf({ ...base, webhookUrl: "ftp://hooks.example.com/x" })).toEqual({ webhookUrl: "The webhook URL must start with http:// or https://" });
    expect(Object.keys(errorsOf({ ...base, kind: "count" }))).toEqual(["kind"]);
  });

  it("reads stored statuses and describes a rule in words", () => {
    expect(parseStatuses("STALL, STOP,")).toEqual(["STALL", "STOP"]);
    expect(parseStatuses(null)).toEqual([]);
    expect(describeRule(rule({ forMinutes: 5 }))).toBe("lag above 1,000 for 5 min on any group");
    expect(describeRule(rule({ kind: "status", statuses: ["STALL", "STOP"], groupId: "billing", forMinutes: 120 }))).toBe("status STALL or STOP for 2 h on group billing");
  });
});

describe("evaluating alert rules on a sample", () => {
  it("fires a lag rule at once when forMinutes is 0, with the figures in words", () => {
    const r = evaluate([rule()], [group("orders", 12_345), group("billing", 1000)]);
    expect(r.fire).toEqual([{ ruleId: "r1", groupId: "orders", message: "lag 12,345 above 1,000" }]);
    expect(r.resolve).toEqual([]);
    expect([...r.since]).toEqual([[sinceKey("r1", "orders"), 10 * MIN]]);
  });

  it("waits forMinutes of the condition holding, counting from the first sample it held", () => {
    const r5 = rule({ forMinutes: 5 });
    const first = evaluate([r5], [group("orders", 5000)], { now: 0 });
    expect(first.fire).toEqual([]);
    const later = evaluate([r5], [group("orders", 5000)], { since: first.since, now: 4 * MIN });
    expect(later.fire).toEqual([]);
    expect(later.since.get(sinceKey("r1", "orders"))).toBe(0);
    const due = evaluate([r5], [group("orders", 12_345)], { since: later.since, now: 5 * MIN });
    expect(due.fire).toEqual([{ ruleId: "r1", groupId: "orders", message: "lag 12,345 above 1,000 for 5 min" }]);
  });

  it("restarts the wait when the condition stops holding in between", () => {
    const r5 = rule({ forMinutes: 5 });
    const a = evaluate([r5], [group("orders", 5000)], { now: 0 });
    const b = evaluate([r5], [group("orders", 10)], { since: a.since, now: 2 * MIN });
    expect(b.since.size).toBe(0);
    const c = evaluate([r5], [group("orders", 5000)], { since: b.since, now: 6 * MIN });
    expect(c.fire).toEqual([]);
    expect(c.since.get(sinceKey("r1", "orders"))).toBe(6 * MIN);
  });

  it("does not fire again while an event is open, and resolves it when the condition ends", () => {
    const open = [{ id: "e1", ruleId: "r1", groupId: "orders" }];
    const still = evaluate([rule()], [group("orders", 5000)], { open });
    expect(still.fire).toEqual([]);
    expect(still.resolve).toEqual([]);
    const ok = evaluate([rule()], [group("orders", 1000)], { open, since: still.since });
    expect(ok.resolve).toEqual([{ eventId: "e1", ruleId: "r1", groupId: "orders", reason: "lag 1,000, not above 1,000" }]);
    expect(ok.since.size).toBe(0);
  });

  it("applies a rule with a group to that group only; a missing group resolves", () => {
    const only = rule({ groupId: "billing" });
    expect(evaluate([only], [group("orders", 5000), group("billing", 5000)]).fire.map((f) => f.groupId)).toEqual(["billing"]);
    const gone = evaluate([only], [group("orders", 5000)], { open: [{ id: "e1", ruleId: "r1", groupId: "billing" }] });
    expect(gone.resolve).toEqual([{ eventId: "e1", ruleId: "r1", groupId: "billing", reason: "the group is gone" }]);
    expect(gone.fire).toEqual([]);
  });

  it("resolves an every-group rule's event when its group disappears, and one left over after the rule was narrowed", () => {
    const open = [{ id: "e1", ruleId: "r1", groupId: "old" }];
    expect(evaluate([rule()], [group("orders", 0)], { open }).resolve).toEqual([{ eventId: "e1", ruleId: "r1", groupId: "old", reason: "the group is gone" }]);
    const narrowed = evaluate([rule({ groupId: "orders" })], [group("orders", 0), group("old", 99_999)], { open });
    expect(narrowed.resolve).toEqual([{ eventId: "e1", ruleId: "r1", groupId: "old", reason: "the rule no longer applies to this group" }]);
    expect(narrowed.fire).toEqual([]);
  });

  it("fires a status rule when the group's status is in the chosen set, with Burrow's reason", () => {
    const stuck = rule({ kind: "status", lagAbove: null, statuses: ["STALL", "STOP"] });
    const r = evaluate([stuck], [group("a", 10, "STOP"), group("b", 10, "WARN"), group("c", 0)]);
    expect(r.fire).toEqual([{ ruleId: "r1", groupId: "a", message: "status STOP: STOP on t[0]: why" }]);
    const open = [{ id: "e1", ruleId: "r1", groupId: "a" }];
    expect(evaluate([stuck], [group("a", 10, "WARN")], { open }).resolve).toEqual([{ eventId: "e1", ruleId: "r1", groupId: "a", reason: "status WARN" }]);
  });

  it("changes nothing for a group whose offsets could not be read", () => {
    const r5 = rule({ forMinutes: 5 });
    const since = new Map([[sinceKey("r1", "orders"), 0]]);
    const open = [{ id: "e1", ruleId: "r1", groupId: "orders" }];
    const r = evaluate([r5], [group("orders", 0, "OK", { error: "offsets unreadable" })], { since, open, now: 9 * MIN });
    expect(r).toEqual({ fire: [], resolve: [], since });
  });

  it("keeps each rule's state apart", () => {
    const a = rule({ id: "a", lagAbove: 100 });
    const b = rule({ id: "b", lagAbove: 10_000 });
    const r = evaluate([a, b], [group("orders", 5000)], { open: [{ id: "eb", ruleId: "b", groupId: "orders" }] });
    expect(r.fire).toEqual([{ ruleId: "a", groupId: "orders", message: "lag 5,000 above 100" }]);
    expect(r.resolve).toEqual([{ eventId: "eb", ruleId: "b", groupId: "orders", reason: "lag 5,000, not above 10,000" }]);
  });
});

describe("rules on Burrow's group status, time lag and retention loss", () => {
  const behind = (seconds: number | null, lowerBound = false) => ({ seconds, lowerBound, text: seconds === null ? "unknown" : `${lowerBound ? "at least" : "about"} ${seconds} s behind` });

  it("the schema takes each kind's threshold, and statuses of the kind's own set", () => {
    const base = { name: "r", forMinutes: 0 };
    expect(alertRuleFieldsSchema.parse({ ...base, kind: "time-lag", behindMinutes: 5 })).toMatchObject({ kind: "time-lag", behindMinutes: 5 });
    expect(alertRuleFieldsSchema.parse({ ...base, kind: "retention-loss" })).toMatchObject({ kind: "retention-loss" });
    expect(alertRuleFieldsSchema.parse({ ...base, kind: "group-status", statuses: ["ERR"] })).toMatchObject({ statuses: ["ERR"] });
    const errors = (input: unknown) => {
      const r = alertRuleFieldsSchema.safeParse(input);
      return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
    };
    expect(errors({ ...base, kind: "time-lag" })).toEqual({ behindMinutes: "Enter how many minutes behind" });
    expect(errors({ ...base, kind: "time-lag", behindMinutes: 0 })).toEqual({ behindMinutes: "More than 0 minutes" });
    expect(errors({ ...base, kind: "group-status", statuses: ["STALL"] })).toEqual({ statuses: "Choose among WARN, ERR" });
    expect(errors({ ...base, kind: "status", statuses: ["ERR"] })).toEqual({ statuses: "Choose among WARN, REWIND, STALL, STOP" });
  });

  it("describes them in words", () => {
    expect(describeRule(rule({ kind: "time-lag", behindSeconds: 300, forMinutes: 2 }))).toBe("more than 5 min behind for 2 min on any group");
    expect(describeRule(rule({ kind: "time-lag", behindSeconds: 90 }))).toBe("more than 1.5 min behind on any group");
    expect(describeRule(rule({ kind: "retention-loss", lostAbove: 0, groupId: "billing" }))).toBe("messages lost to retention on group billing");
    expect(describeRule(rule({ kind: "group-status", statuses: ["WARN", "ERR"] }))).toBe("group status (Burrow's) WARN or ERR on any group");
  });

  it("a group-status rule watches Burrow's roll-up, not the worst partition status", () => {
    const err = rule({ kind: "group-status", statuses: ["ERR"] });
    // REWIND is not a group status: Burrow reports ERR for it.
    expect(evaluate([err], [group("a", 10, "REWIND")]).fire).toEqual([{ ruleId: "r1", groupId: "a", message: "group status ERR: REWIND on t[0]: why" }]);
    expect(evaluate([err], [group("a", 10, "WARN")]).fire).toEqual([]);
  });

  it("a time-lag rule fires past its threshold, keeps its since-time while the time lag is unknown, and resolves", () => {
    const slow = rule({ kind: "time-lag", behindSeconds: 300, forMinutes: 5 });
    const first = evaluate([slow], [group("a", 10, "OK", { timeLag: behind(420) })], { now: 0 });
    expect(first.fire).toEqual([]);
    const unknown = evaluate([slow], [group("a", 10, "OK", { timeLag: behind(null) })], { since: first.since, now: 3 * MIN });
    expect(unknown.since.get(sinceKey("r1", "a"))).toBe(0);
    const fired = evaluate([slow], [group("a", 10, "OK", { timeLag: behind(430, true) })], { since: unknown.since, now: 5 * MIN });
    expect(fired.fire).toEqual([{ ruleId: "r1", groupId: "a", message: "at least 430 s behind, more than 5 min for 5 min" }]);
    const open = [{ id: "e1", ruleId: "r1", groupId: "a" }];
    expect(evaluate([slow], [group("a", 0, "OK", { timeLag: behind(20) })], { open }).resolve).toEqual([
      { eventId: "e1", ruleId: "r1", groupId: "a", reason: "about 20 s behind, not more than 5 min" },
    ]);
  });

  it("a retention-loss rule fires when messages were deleted before the group read them", () => {
    const loss = rule({ kind: "retention-loss", lostAbove: 0 });
    expect(evaluate([loss], [group("a", 10, "OK", { retentionLost: 50 })]).fire).toEqual([
      { ruleId: "r1", groupId: "a", message: "50 messages were deleted by retention before the group read them" },
    ]);
    expect(evaluate([rule({ kind: "retention-loss", lostAbove: 100 })], [group("a", 10, "OK", { retentionLost: 50 })]).fire).toEqual([]);
    const open = [{ id: "e1", ruleId: "r1", groupId: "a" }];
    expect(evaluate([loss], [group("a", 10)], { open }).resolve).toEqual([{ eventId: "e1", ruleId: "r1", groupId: "a", reason: "no messages lost to retention" }]);
  });
});
