import { describe, expect, it } from "vitest";
import { ANY_OTHER_PRINCIPAL, authorize } from "@/lib/acls/effective-access";
import { decisionLabel, principalHref, principalLabel } from "./access-labels";

const topic = { resourceType: "TOPIC" as const, name: "orders" };
const allow = { resourceType: "TOPIC" as const, resourceName: "ord", patternType: "PREFIXED" as const, principal: "User:*", host: "*", operation: "READ" as const, permission: "ALLOW" as const };

describe("access labels", () => {
  it("says who a row is about", () => {
    expect(principalLabel(ANY_OTHER_PRINCIPAL)).toBe("anyone else");
    expect(principalLabel("User:*")).toBe("everyone (User:*)");
    expect(principalHref("c1", "User:a b")).toBe("/clusters/c1/acls/principal?name=User%3Aa+b");
  });
  it("says why an answer is what it is; a DENY binding is told apart from no grant", () => {
    expect(decisionLabel(authorize([allow], { principal: "User:x", operation: "READ", resource: topic }))).toMatchObject({ tone: "allowed", why: 'by READ on prefix "ord" for User:*' });
    expect(decisionLabel(authorize([allow, { ...allow, permission: "DENY" }], { principal: "User:x", operation: "READ", resource: topic })).tone).toBe("deny-binding");
    expect(decisionLabel(authorize([allow], { principal: "User:x", operation: "WRITE", resource: topic }))).toMatchObject({ tone: "denied", why: "no binding allows it" });
    expect(decisionLabel(authorize([], { principal: "User:x", operation: "WRITE", resource: topic })).why).toBe("no binding on this resource at all");
  });
});
