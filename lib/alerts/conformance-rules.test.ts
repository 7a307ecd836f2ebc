import { describe, expect, it } from "vitest";
import { alertRuleFieldsSchema, describeRule, type AlertRuleSpec } from "./alert-rules";
import { conformanceKey, evaluateConformanceRules, type TopicShare } from "./conformance-rules";

const rule = (over: Partial<AlertRuleSpec> = {}): AlertRuleSpec => ({
  id: "r1",
  name: "orders conform",
  groupId: null,
  kind: "conformance",
  lagAbove: null,
  statuses: [],
  behindSeconds: null,
  lostAbove: null,
  topic: "orders",
  conformanceBelow: 95,
  forMinutes: 0,
  ...over,
});
const share = (percent: number): TopicShare => ({ percent, sampled: 200, against: "design Shop's contract" });
const NOW = 1_000_000_000;

describe("conformance rules: fields and words", () => {
  it("need a valid topic and a percentage, not a group", () => {
    expect(alertRuleFieldsSchema.safeParse({ name: "r", kind: "conformance", topic: "orders", conformanceBelow: 95, forMinutes: 0 }).success).toBe(true);
    const bad = alertRuleFieldsSchema.safeParse({ name: "r", kind: "conformance", topic: "bad topic!", forMinutes: 0 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(["topic", "conformanceBelow"]);
    expect(alertRuleFieldsSchema.safeParse({ name: "r", kind: "conformance", topic: "orders", conformanceBelow: 120, forMinutes: 0 }).success).toBe(false);
  });

  it("read as a sentence", () => {
    expect(describeRule(rule({ forMinutes: 15 }))).toBe("conformance below 95 % on topic orders for 15 min");
  });
});

describe("evaluateConformanceRules", () => {
  const base = { rules: [rule()], since: new Map<string, number>(), open: [], now: NOW };

  it("fires below the threshold at once with forMinutes 0, with what was seen", () => {
    const r = evaluateConformanceRules({ ...base, shares: new Map([["orders", share(81.5)]]) });
    expect(r.fire).toEqual([{ ruleId: "r1", groupId: "orders", message: "81.5 % of the newest 200 messages of orders conform to design Shop's contract, below 95 %" }]);
    expect(r.since.get(conformanceKey("r1", "orders"))).toBe(NOW);
  });

  it("waits forMinutes, keeping the time the condition began", () => {
    const slow = { ...base, rules: [rule({ forMinutes: 10 })], shares: new Map([["orders", share(50)]]) };
    const first = evaluateConformanceRules(slow);
    expect(first.fire).toEqual([]);
    const later = evaluateConformanceRules({ ...slow, since: first.since, now: NOW + 10 * 60_000 });
    expect(later.fire).toHaveLength(1);
  });

  it("resolves an open alert at or above the threshold; an unknown share keeps what was known", () => {
    const open = [{ id: "e1", ruleId: "r1", groupId: "orders" }];
    const since = new Map([[conformanceKey("r1", "orders"), NOW - 1000]]);
    expect(evaluateConformanceRules({ ...base, open, since, shares: new Map([["orders", share(95)]]) }).resolve).toEqual([
      { eventId: "e1", ruleId: "r1", groupId: "orders", reason: "95 % of the newest 200 messages of orders conform to design Shop's contract, not below 95 %" },
    ]);
    const unknown = evaluateConformanceRules({ ...base, open, since, shares: new Map([["orders", null]]) });
    expect(unknown).toMatchObject({ fire: [], resolve: [] });
    expect(unknown.since.get(conformanceKey("r1", "orders"))).toBe(NOW - 1000);
  });

  it("resolves an alert about a topic the rule no longer watches, and ignores other kinds", () => {
    const r = evaluateConformanceRules({ ...base, rules: [rule(), rule({ id: "lag", kind: "lag", topic: null })], open: [{ id: "e1", ruleId: "r1", groupId: "old-topic" }], shares: new Map([["orders", share(100)]]) });
    expect(r.resolve).toEqual([{ eventId: "e1", ruleId: "r1", groupId: "old-topic", reason: "the rule now watches another topic" }]);
    expect(r.fire).toEqual([]);
  });
});
