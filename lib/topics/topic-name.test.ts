import { describe, expect, it } from "vitest";
import { createTopicInputSchema } from "./create-topic-schema";
import { topicNameError, unifyCollisionChars } from "./topic-name";

describe("topicNameError", () => {
  it("accepts legal names", () => {
    for (const n of ["orders", "orders.v1", "a_b-c", "x".repeat(249)]) expect(topicNameError(n)).toBeNull();
  });
  it("refuses illegal ones with a reason", () => {
    expect(topicNameError("")).toMatch(/empty/);
    expect(topicNameError(".")).toMatch(/cannot be named/);
    expect(topicNameError("..")).toMatch(/cannot be named/);
    expect(topicNameError("x".repeat(250))).toMatch(/249/);
    expect(topicNameError("orders!")).toMatch(/ASCII/);
    expect(topicNameError("ordér")).toMatch(/ASCII/);
  });
  it("unifies '.' and '_' for collision checks", () => {
    expect(unifyCollisionChars("a.b_c")).toBe(unifyCollisionChars("a_b.c"));
  });
  it("validates create-topic input", () => {
    expect(createTopicInputSchema.safeParse({ clusterId: "c1", name: "t", partitions: 0, replicationFactor: 1 }).success).toBe(false);
    expect(createTopicInputSchema.safeParse({ clusterId: "c1", name: "t", partitions: 1.5, replicationFactor: 1 }).success).toBe(false);
    expect(createTopicInputSchema.safeParse({ clusterId: "c1", name: "t", partitions: 3, replicationFactor: 1 }).success).toBe(true);
  });
});
