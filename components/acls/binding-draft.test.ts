import { describe, expect, it } from "vitest";
import { describeBinding } from "@/lib/acls/acl-model";
import { bindingsOfDraft, draftProblems, EMPTY_DRAFT } from "./binding-draft";

describe("the add-bindings form", () => {
  it("chosen operations: one binding each, the cluster always named kafka-cluster", () => {
    const d = { ...EMPTY_DRAFT, principal: "User:a", resourceName: "orders", operations: ["WRITE", "DESCRIBE"] as const };
    expect(bindingsOfDraft({ ...d, operations: [...d.operations] }).map(describeBinding)).toEqual(['ALLOW User:a WRITE on topic "orders"', 'ALLOW User:a DESCRIBE on topic "orders"']);
    expect(bindingsOfDraft({ ...EMPTY_DRAFT, principal: "User:a", resourceType: "CLUSTER", operations: ["IDEMPOTENT_WRITE"] })[0].resourceName).toBe("kafka-cluster");
  });
  it("producer and consumer group: the least bindings they need", () => {
    expect(bindingsOfDraft({ ...EMPTY_DRAFT, mode: "producer", principal: "User:p", resourceName: "t" })).toHaveLength(3);
    expect(bindingsOfDraft({ ...EMPTY_DRAFT, mode: "consumer", principal: "User:c", resourceName: "t", group: "g" }).map(describeBinding)).toContain('ALLOW User:c READ on consumer group "g"');
  });
  it("says what is missing or wrong before the server is asked", () => {
    expect(draftProblems({ ...EMPTY_DRAFT, principal: "alice", resourceName: "t", operations: ["READ"] })).toHaveProperty("principal");
    expect(draftProblems({ ...EMPTY_DRAFT, principal: "User:a", resourceName: "t" })).toEqual({ operations: "Choose at least one operation" });
    expect(draftProblems({ ...EMPTY_DRAFT, principal: "User:a", resourceName: "", operations: ["READ"] })).toHaveProperty("resourceName");
    expect(draftProblems({ ...EMPTY_DRAFT, mode: "consumer", principal: "User:a", resourceName: "t" })).toHaveProperty("group");
    expect(draftProblems({ ...EMPTY_DRAFT, principal: "User:a", resourceName: "t", operations: ["READ"] })).toEqual({});
  });
});
