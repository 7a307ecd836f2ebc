import { describe, expect, it } from "vitest";
import { groupSuggestions, unknownGroupWarning } from "./group-suggestions";

const groups = ["payments", "orders-eu", "orders-us", "billing-orders", "audit"];

describe("groupSuggestions", () => {
  it("offers groups starting with what is typed first, then those containing it", () => {
    expect(groupSuggestions(groups, "ord")).toEqual(["orders-eu", "orders-us", "billing-orders"]);
    expect(groupSuggestions(groups, "ORDERS-U")).toEqual(["orders-us"]);
  });

  it("offers every group, sorted and bounded, for a blank field", () => {
    expect(groupSuggestions(groups, " ")).toEqual(["audit", "billing-orders", "orders-eu", "orders-us", "payments"]);
    const many = Array.from({ length: 20_000 }, (_, i) => `g-${i}`);
    expect(groupSuggestions(many, "g-1")).toHaveLength(50);
  });
});

describe("unknownGroupWarning", () => {
  it("warns on a group the cluster does not have, naming close ones", () => {
    expect(unknownGroupWarning(groups, "orders")).toBe('The cluster has no consumer group "orders" right now; the rule will watch it once it commits offsets. Did you mean "orders-eu", "orders-us", "billing-orders"?');
    expect(unknownGroupWarning(groups, "zzz")).toBe('The cluster has no consumer group "zzz" right now; the rule will watch it once it commits offsets.');
  });

  it("says nothing for a known group, a blank field or groups not yet known", () => {
    expect(unknownGroupWarning(groups, "audit")).toBeNull();
    expect(unknownGroupWarning(groups, "")).toBeNull();
    expect(unknownGroupWarning(null, "orders")).toBeNull();
  });
});
