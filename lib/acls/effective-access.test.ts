import { describe, expect, it } from "vitest";
import type { AclBinding } from "./acl-model";
import { ANY_OTHER_PRINCIPAL, allowedOperations, authorize, effectiveAccess, principalAccess, resourceAccess, resourcesCoveredBy } from "./effective-access";

const b = (over: Partial<AclBinding>): AclBinding => ({
  resourceType: "TOPIC",
  resourceName: "orders",
  patternType: "LITERAL",
  principal: "User:alice",
  host: "*",
  operation: "READ",
  permission: "ALLOW",
  ...over,
});
const topic = (name: string) => ({ resourceType: "TOPIC" as const, name });
const may = (bindings: AclBinding[], principal: string, operation: AclBinding["operation"], name = "orders", settings?: Parameters<typeof authorize>[2]) =>
  authorize(bindings, { principal, operation, resource: topic(name) }, settings).allowed;

describe("authorize follows Kafka's StandardAuthorizer", () => {
  it("an ALLOW grants its operation; READ, WRITE, DELETE and ALTER imply DESCRIBE; nothing else is implied", () => {
    const acls = [b({ operation: "WRITE" })];
    expect(may(acls, "User:alice", "WRITE")).toBe(true);
    expect(may(acls, "User:alice", "DESCRIBE")).toBe(true);
    expect(may(acls, "User:alice", "READ")).toBe(false);
    expect(may(acls, "User:alice", "DESCRIBE_CONFIGS")).toBe(false);
    expect(authorize(acls, { principal: "User:alice", operation: "READ", resource: topic("orders") })).toMatchObject({ allowed: false, rule: "no-match" });
    for (const op of ["READ", "DELETE", "ALTER"] as const) expect(may([b({ operation: op })], "User:alice", "DESCRIBE"), op).toBe(true);
    for (const op of ["CREATE", "ALTER_CONFIGS", "DESCRIBE_CONFIGS"] as const) expect(may([b({ operation: op })], "User:alice", "DESCRIBE"), op).toBe(false);
    expect(may([b({ operation: "ALTER_CONFIGS" })], "User:alice", "DESCRIBE_CONFIGS")).toBe(true);
  });

  it("DENY wins over any ALLOW, and ALL covers every operation both ways", () => {
    const acls = [b({ operation: "ALL" }), b({ operation: "WRITE", permission: "DENY" })];
    expect(may(acls, "User:alice", "READ")).toBe(true);
    expect(may(acls, "User:alice", "ALTER_CONFIGS")).toBe(true);
    expect(authorize(acls, { principal: "User:alice", operation: "WRITE", resource: topic("orders") })).toMatchObject({ allowed: false, rule: "deny", binding: { permission: "DENY", operation: "WRITE" } });
    const denyAll = [b({ operation: "READ" }), b({ operation: "ALL", permission: "DENY", principal: "User:*" })];
    expect(may(denyAll, "User:alice", "READ")).toBe(false);
    expect(may(denyAll, "User:alice", "DESCRIBE")).toBe(false);
  });

  it("a DENY on READ does not deny DESCRIBE (only ALLOW bindings imply it)", () => {
    const acls = [b({ operation: "READ" }), b({ operation: "READ", permission: "DENY" })];
    expect(may(acls, "User:alice", "READ")).toBe(false);
    expect(may(acls, "User:alice", "DESCRIBE")).toBe(true);
  });

  it("User:* is every principal; a literal * is every name; a prefix covers the names it starts", () => {
    expect(may([b({ principal: "User:*" })], "User:bob", "READ")).toBe(true);
    expect(may([b({ resourceName: "*" })], "User:alice", "READ", "anything")).toBe(true);
    const prefixed = [b({ resourceName: "orders.", patternType: "PREFIXED" })];
    expect(may(prefixed, "User:alice", "READ", "orders.eu")).toBe(true);
    expect(may(prefixed, "User:alice", "READ", "orders.")).toBe(true);
    expect(may(prefixed, "User:alice", "READ", "orders")).toBe(false);
    // A literal name is not a prefix.
    expect(may([b({ resourceName: "orders" })], "User:alice", "READ", "orders.eu")).toBe(false);
    // Another resource type with the same name does not count.
    expect(may([b({ resourceType: "GROUP" })], "User:alice", "READ")).toBe(false);
    // Principals are compared exactly.
    expect(may([b({})], "User:Alice", "READ")).toBe(false);
  });

  it("no binding on the resource: the default rule; a binding for someone else there: denied", () => {
    expect(authorize([], { principal: "User:bob", operation: "READ", resource: topic("orders") })).toEqual({ allowed: false, rule: "no-acl" });
    const open = { superUsers: [], allowIfNoAclFound: true };
    expect(authorize([], { principal: "User:bob", operation: "READ", resource: topic("orders") }, open)).toEqual({ allowed: true, rule: "no-acl" });
    expect(authorize([b({})], { principal: "User:bob", operation: "READ", resource: topic("orders") }, open)).toEqual({ allowed: false, rule: "no-match" });
    // A binding on another topic leaves this one to the default rule.
    expect(may([b({ resourceName: "payments" })], "User:bob", "READ", "orders", open)).toBe(true);
  });

  it("super users may do anything, whatever denies", () => {
    const acls = [b({ principal: "User:*", operation: "ALL", permission: "DENY" })];
    expect(authorize(acls, { principal: "User:admin", operation: "WRITE", resource: topic("orders") }, { superUsers: ["User:admin"], allowIfNoAclFound: false })).toEqual({ allowed: true, rule: "super-user" });
  });

  it("a binding for one host counts from that host only; without a host it is reported, not counted", () => {
    const acls = [b({ host: "10.0.0.5" })];
    expect(authorize(acls, { principal: "User:alice", operation: "READ", resource: topic("orders"), host: "10.0.0.5" }).allowed).toBe(true);
    expect(authorize(acls, { principal: "User:alice", operation: "READ", resource: topic("orders"), host: "10.0.0.6" }).allowed).toBe(false);
    const unknownHost = authorize(acls, { principal: "User:alice", operation: "READ", resource: topic("orders") });
    expect(unknownHost).toMatchObject({ allowed: false, rule: "no-match", hostSpecific: [acls[0]] });
  });
});

describe("access views", () => {
  const acls = [
    b({ principal: "User:orders-svc", operation: "WRITE" }),
    b({ principal: "User:orders-svc", operation: "DESCRIBE" }),
    b({ principal: "User:billing", operation: "READ", resourceName: "orders", patternType: "PREFIXED" }),
    b({ principal: "User:billing", operation: "READ", permission: "DENY", resourceName: "orders.secret" }),
    b({ principal: "User:*", operation: "DESCRIBE" }),
    b({ principal: "User:other", resourceName: "payments" }),
  ];

  it("who may do what on one topic: each named principal, the super users, everyone (User:*) and anyone else", () => {
    const access = resourceAccess(acls, topic("orders"), { superUsers: ["User:admin"], allowIfNoAclFound: false }, ["READ", "WRITE", "DESCRIBE"]);
    expect(access.noAcls).toBe(false);
    expect(access.rows.map((r) => r.principal)).toEqual(["User:admin", "User:billing", "User:orders-svc", "User:*", ANY_OTHER_PRINCIPAL]);
    const by = Object.fromEntries(access.rows.map((r) => [r.principal, allowedOperations(r.access)]));
    expect(by["User:orders-svc"]).toEqual(["WRITE", "DESCRIBE"]);
    expect(by["User:billing"]).toEqual(["READ", "DESCRIBE"]);
    expect(by["User:admin"]).toEqual(["READ", "WRITE", "DESCRIBE"]);
    expect(by["User:*"]).toEqual(["DESCRIBE"]);
    expect(by[ANY_OTHER_PRINCIPAL]).toEqual(["DESCRIBE"]);
    // The billing deny names another topic: not among this one's bindings.
    expect(access.bindings).toHaveLength(4);
    expect(resourceAccess(acls, topic("orders.secret")).rows.find((r) => r.principal === "User:billing")?.bindings[0].permission).toBe("DENY");
  });

  it("what a principal may do: named resources and the known ones its prefixes reach, only where its bindings apply", () => {
    const known = ["orders", "orders.eu", "orders.secret", "payments"].map(topic);
    const resources = resourcesCoveredBy(acls.filter((x) => x.principal === "User:billing" || x.principal === "User:*"), known);
    // The prefix reaches three topics; payments is named by nobody billing is.
    expect(resources.map((r) => r.name).sort()).toEqual(["orders", "orders.eu", "orders.secret"]);
    const rows = principalAccess(acls, "User:billing", [...resources, topic("payments")]);
    const by = Object.fromEntries(rows.map((r) => [r.resource.name, allowedOperations(r.access)]));
    expect(by["orders.eu"]).toEqual(["READ", "DESCRIBE"]);
    expect(by["orders.secret"]).toEqual(["DESCRIBE"]);
    // Left out where no binding of its own (or of User:*) applies.
    expect(by.payments).toBeUndefined();
    expect(effectiveAccess(acls, "User:billing", topic("payments")).every((a) => !a.decision.allowed)).toBe(true);
  });
});
