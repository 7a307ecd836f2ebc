import { describe, expect, it } from "vitest";
import type { AclBinding } from "@/lib/acls/acl-model";
import type { Plan } from "@/lib/plan/plan-types";
import { accessDeletionsConfirmed, changeSummary, confirmedPrincipals, principalConfirmKey } from "./access-plan";

const binding = (principal: string): AclBinding => ({ resourceType: "TOPIC", resourceName: "t", patternType: "LITERAL", principal, host: "*", operation: "WRITE", permission: "ALLOW" });
const base: Plan = { topics: [], unmanaged: [], changes: [], deletions: [], blockingErrors: [], hash: "0123456789abcdef" };
const create = { kind: "createTopic" as const, topic: "t", partitions: 1, replicationFactor: 1, configs: {} };

describe("the plan page's summary and confirmations", () => {
  it("counts topic and access changes apart, and says it as before when only topics change", () => {
    expect(changeSummary(base)).toBe("No changes: the cluster matches the design.");
    const topics: Plan = { ...base, changes: [create, create], topics: [{ nodeId: "a", topic: "t", status: "create", changes: [create], refusals: [], warnings: [] }, { nodeId: "b", topic: "u", status: "create", changes: [create], refusals: [], warnings: [] }] };
    expect(changeSummary(topics)).toBe("2 changes on 2 topic(s).");
    const acl = { kind: "createAcl" as const, binding: binding("User:a"), nodeIds: ["p"] };
    expect(changeSummary({ ...topics, changes: [...topics.changes, acl] })).toBe("3 changes: 2 on 2 topic(s), 1 to ACL bindings and quotas.");
    expect(changeSummary({ ...base, changes: [acl] })).toBe("1 change to ACL bindings and quotas.");
  });

  it("a principal whose bindings are deleted counts as confirmed only when typed exactly", () => {
    const plan: Plan = { ...base, changes: [{ kind: "deleteAcl", binding: binding("User:a") }, { kind: "deleteAcl", binding: binding("User:b") }] };
    const typed = { [principalConfirmKey("User:a")]: "User:a", [principalConfirmKey("User:b")]: "User:B" };
    expect(confirmedPrincipals(plan, typed)).toEqual(["User:a"]);
    expect(accessDeletionsConfirmed(plan, typed)).toBe(false);
    expect(accessDeletionsConfirmed(plan, { ...typed, [principalConfirmKey("User:b")]: "User:b" })).toBe(true);
    expect(accessDeletionsConfirmed(base, {})).toBe(true);
  });
});
