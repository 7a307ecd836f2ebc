import { describe, expect, it } from "vitest";
import { aclBindingSchema, bindingProblems, describeBinding, type AclBinding } from "./acl-model";
import { aclFilterSchema, filterBindings, nameMatches } from "./match-bindings";

const b = (over: Partial<AclBinding>): AclBinding => ({ resourceType: "TOPIC", resourceName: "orders", patternType: "LITERAL", principal: "User:alice", host: "*", operation: "READ", permission: "ALLOW", ...over });

const literal = b({});
const star = b({ resourceName: "*" });
const prefix = b({ resourceName: "ord", patternType: "PREFIXED" });
const longer = b({ resourceName: "orders.eu", patternType: "PREFIXED" });

describe("resource name filters, as Kafka's ResourcePatternFilter", () => {
  it("MATCH: every binding that applies to a resource of that name", () => {
    expect([literal, star, prefix, longer].filter((x) => nameMatches(x, "orders", "MATCH"))).toEqual([literal, star, prefix]);
  });
  it("LITERAL and PREFIXED: that exact name and pattern type; ANY: that exact name, either type", () => {
    expect([literal, star, prefix].filter((x) => nameMatches(x, "orders", "LITERAL"))).toEqual([literal]);
    expect([literal, star, prefix].filter((x) => nameMatches(x, "ord", "PREFIXED"))).toEqual([prefix]);
    expect([literal, b({ patternType: "PREFIXED" })].filter((x) => nameMatches(x, "orders", "ANY"))).toHaveLength(2);
  });
});

describe("filterBindings", () => {
  const all = [literal, star, prefix, b({ principal: "User:bob", operation: "WRITE", permission: "DENY" }), b({ resourceType: "GROUP", resourceName: "billing" })];
  const run = (q: Record<string, string>) => filterBindings(all, aclFilterSchema.parse(q));

  it("fields left out (or ANY, or empty) match everything", () => {
    expect(run({})).toHaveLength(5);
    expect(run({ resourceType: "ANY", operation: "", permission: "ANY" })).toHaveLength(5);
  });
  it("by principal (exact or contains), type, name, operation and permission", () => {
    expect(run({ principal: "User:bob" })).toHaveLength(1);
    expect(run({ principal: "User:bo" })).toHaveLength(0);
    expect(run({ principalContains: "BO" })).toHaveLength(1);
    expect(run({ resourceType: "GROUP" })).toHaveLength(1);
    expect(run({ resourceType: "TOPIC", resourceName: "orders" })).toHaveLength(4);
    expect(run({ resourceName: "orders", nameMatch: "LITERAL" })).toHaveLength(2);
    expect(run({ permission: "DENY" })).toEqual([all[3]]);
    expect(run({ operation: "WRITE" })).toEqual([all[3]]);
  });
});

describe("the binding model", () => {
  it("refuses what Kafka would: an operation the resource type does not take, a cluster not named kafka-cluster, a prefix *", () => {
    expect(bindingProblems(b({ resourceType: "GROUP", operation: "WRITE" }))[0].message).toMatch(/WRITE does not apply to a consumer group/);
    expect(bindingProblems(b({ resourceType: "CLUSTER", resourceName: "mine", operation: "IDEMPOTENT_WRITE" }))[0].field).toBe("resourceName");
    expect(bindingProblems(b({ resourceName: "*", patternType: "PREFIXED" }))).toHaveLength(1);
    expect(bindingProblems(b({ principal: "Group:*" }))).toHaveLength(1);
    expect(bindingProblems(b({ operation: "ALL" }))).toEqual([]);
  });
  it("the schema fills defaults and checks the principal's form", () => {
    expect(aclBindingSchema.parse({ resourceType: "TOPIC", resourceName: "t", principal: "User:a", operation: "WRITE" })).toEqual({ resourceType: "TOPIC", resourceName: "t", patternType: "LITERAL", principal: "User:a", host: "*", operation: "WRITE", permission: "ALLOW" });
    expect(aclBindingSchema.safeParse({ resourceType: "TOPIC", resourceName: "t", principal: "alice", operation: "WRITE" }).success).toBe(false);
  });
  it("describes a binding in words", () => {
    expect(describeBinding(b({ host: "10.0.0.1", permission: "DENY" }))).toBe('DENY User:alice READ on topic "orders" from 10.0.0.1');
    expect(describeBinding(star)).toBe("ALLOW User:alice READ on every topic");
  });
});
