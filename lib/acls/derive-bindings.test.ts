import { describe, expect, it } from "vitest";
import { describeBinding } from "./acl-model";
import { leastBindings, leastBindingsFor } from "./derive-bindings";
import { authorize } from "./effective-access";

const lines = (need: Parameters<typeof leastBindings>[0]) => leastBindings(need).map(describeBinding);

describe("least bindings per application kind", () => {
  it("producer: WRITE and DESCRIBE on each topic, IDEMPOTENT_WRITE on the cluster", () => {
    expect(lines({ kind: "producer", principal: "User:orders-svc", topics: [{ name: "orders" }] })).toEqual([
      'ALLOW User:orders-svc WRITE on topic "orders"',
      'ALLOW User:orders-svc DESCRIBE on topic "orders"',
      "ALLOW User:orders-svc IDEMPOTENT_WRITE on the cluster",
    ]);
  });

  it("transactional producer: its transactional id instead of IDEMPOTENT_WRITE; idempotence off: no cluster binding", () => {
    expect(lines({ kind: "producer", principal: "User:p", topics: [{ name: "t" }], transactionalId: { name: "p-tx-", pattern: "PREFIXED" } })).toEqual([
      'ALLOW User:p WRITE on topic "t"',
      'ALLOW User:p DESCRIBE on topic "t"',
      'ALLOW User:p WRITE on transactional ids starting with "p-tx-"',
      'ALLOW User:p DESCRIBE on transactional ids starting with "p-tx-"',
    ]);
    expect(lines({ kind: "producer", principal: "User:p", topics: [{ name: "t" }], idempotent: false })).toHaveLength(2);
    // No topics, nothing to produce to: no bindings at all.
    expect(lines({ kind: "producer", principal: "User:p", topics: [] })).toEqual([]);
  });

  it("consumer group: READ and DESCRIBE on its topics, READ on its group; prefixes only when asked", () => {
    expect(lines({ kind: "consumerGroup", principal: "User:billing", group: { name: "billing" }, topics: [{ name: "orders" }, { name: "refunds.", pattern: "PREFIXED" }] })).toEqual([
      'ALLOW User:billing READ on topic "orders"',
      'ALLOW User:billing DESCRIBE on topic "orders"',
      'ALLOW User:billing READ on topics starting with "refunds."',
      'ALLOW User:billing DESCRIBE on topics starting with "refunds."',
      'ALLOW User:billing READ on consumer group "billing"',
    ]);
  });

  it("processor: both sides, a topic it reads and writes bound once per operation", () => {
    const out = leastBindings({ kind: "processor", principal: "User:enricher", group: { name: "enricher" }, inputs: [{ name: "raw" }, { name: "state" }], outputs: [{ name: "enriched" }, { name: "state" }] });
    expect(out.map(describeBinding)).toEqual([
      'ALLOW User:enricher WRITE on topic "enriched"',
      'ALLOW User:enricher DESCRIBE on topic "enriched"',
      'ALLOW User:enricher READ on topic "raw"',
      'ALLOW User:enricher DESCRIBE on topic "raw"',
      'ALLOW User:enricher READ on topic "state"',
      'ALLOW User:enricher WRITE on topic "state"',
      'ALLOW User:enricher DESCRIBE on topic "state"',
      'ALLOW User:enricher READ on consumer group "enricher"',
      "ALLOW User:enricher IDEMPOTENT_WRITE on the cluster",
    ]);
  });

  it("several applications: one binding however many need it", () => {
    const all = leastBindingsFor([
      { kind: "producer", principal: "User:a", topics: [{ name: "t" }] },
      { kind: "producer", principal: "User:a", topics: [{ name: "t" }, { name: "u" }] },
    ]);
    expect(all).toHaveLength(5);
  });

  it("what they derive is what Kafka's authorizer then allows, and no more", () => {
    const bindings = leastBindingsFor([
      { kind: "producer", principal: "User:p", topics: [{ name: "orders" }] },
      { kind: "consumerGroup", principal: "User:c", group: { name: "billing" }, topics: [{ name: "orders" }] },
    ]);
    const may = (principal: string, resourceType: "TOPIC" | "GROUP" | "CLUSTER", name: string, operation: Parameters<typeof authorize>[1]["operation"]) =>
      authorize(bindings, { principal, operation, resource: { resourceType, name } }).allowed;
    expect(may("User:p", "TOPIC", "orders", "WRITE")).toBe(true);
    expect(may("User:p", "TOPIC", "payments", "WRITE")).toBe(false);
    expect(may("User:p", "TOPIC", "orders", "READ")).toBe(false);
    expect(may("User:p", "CLUSTER", "kafka-cluster", "IDEMPOTENT_WRITE")).toBe(true);
    expect(may("User:c", "TOPIC", "orders", "READ")).toBe(true);
    expect(may("User:c", "GROUP", "billing", "READ")).toBe(true);
    expect(may("User:c", "GROUP", "other", "READ")).toBe(false);
    expect(may("User:c", "TOPIC", "orders", "WRITE")).toBe(false);
  });
});
