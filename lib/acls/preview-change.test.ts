import { describe, expect, it } from "vitest";
import type { AclBinding } from "./acl-model";
import { ANY_OTHER_PRINCIPAL } from "./effective-access";
import { previewAclChange } from "./preview-change";

const b = (over: Partial<AclBinding>): AclBinding => ({ resourceType: "TOPIC", resourceName: "orders", patternType: "LITERAL", principal: "User:alice", host: "*", operation: "WRITE", permission: "ALLOW", ...over });
const summary = (p: ReturnType<typeof previewAclChange>) => p.effects.map((e) => `${e.principal} ${e.operation} ${e.resource.name}: ${e.before.allowed ? "allowed" : "denied"} → ${e.after.allowed ? "allowed" : "denied"}`);

describe("previewing a change to the bindings", () => {
  it("granting WRITE: the binding to create, and WRITE and DESCRIBE going from denied to allowed", () => {
    const p = previewAclChange([], { add: [b({})], remove: [] });
    expect(p.toCreate).toEqual([b({})]);
    expect(p.nothingToDo).toBe(false);
    expect(summary(p)).toEqual(["User:alice WRITE orders: denied → allowed", "User:alice DESCRIBE orders: denied → allowed"]);
  });

  it("a binding that already exists, or one to delete that is gone, changes nothing", () => {
    const p = previewAclChange([b({})], { add: [b({})], remove: [b({ operation: "READ" })] });
    expect(p.alreadyPresent).toHaveLength(1);
    expect(p.notFound).toHaveLength(1);
    expect(p.nothingToDo).toBe(true);
    expect(p.effects).toEqual([]);
  });

  it("deleting the grant: allowed → denied; a DENY added over an ALLOW shows what it takes away", () => {
    expect(summary(previewAclChange([b({})], { add: [], remove: [b({})] }))).toEqual(["User:alice WRITE orders: allowed → denied", "User:alice DESCRIBE orders: allowed → denied"]);
    // DESCRIBE stays: a DENY on WRITE does not deny DESCRIBE.
    expect(summary(previewAclChange([b({})], { add: [b({ permission: "DENY" })], remove: [] }))).toEqual(["User:alice WRITE orders: allowed → denied"]);
  });

  it("a prefix binding is previewed on the known topics it reaches", () => {
    const known = ["orders.eu", "orders.us", "payments"].map((name) => ({ resourceType: "TOPIC" as const, name }));
    const p = previewAclChange([], { add: [b({ resourceName: "orders.", patternType: "PREFIXED", operation: "READ" })], remove: [] }, known);
    expect([...new Set(p.effects.map((e) => e.resource.name))]).toEqual(["orders.eu", "orders.us"]);
  });

  it("with allow.everyone.if.no.acl.found, the first binding on a topic takes access away from everyone else", () => {
    const p = previewAclChange([], { add: [b({})], remove: [] }, [], { superUsers: [], allowIfNoAclFound: true });
    expect(p.effects.filter((e) => e.principal === ANY_OTHER_PRINCIPAL).map((e) => e.operation)).toContain("READ");
    expect(p.effects.filter((e) => e.principal === "User:alice").map((e) => e.operation)).toEqual(["READ", "CREATE", "DELETE", "ALTER", "DESCRIBE_CONFIGS", "ALTER_CONFIGS"]);
  });

  it("the basis moves when a binding that decides for the resource changes, not for others", () => {
    const change = { add: [b({})], remove: [] };
    const base = previewAclChange([b({ operation: "READ" })], change).basis;
    expect(previewAclChange([b({ operation: "READ" }), b({ resourceName: "payments" })], change).basis).toBe(base);
    expect(previewAclChange([b({ operation: "READ" }), b({ resourceName: "*", principal: "User:*", permission: "DENY" })], change).basis).not.toBe(base);
  });
});
