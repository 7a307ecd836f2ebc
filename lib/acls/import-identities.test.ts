import { describe, expect, it } from "vitest";
import { defaultNodeData, type DesignNode, type Topology } from "../designs/design-schema";
import { type AclBinding } from "./acl-model";
import { designBindings } from "./design-bindings";
import { identitiesFromBindings } from "./import-identities";

const topic = (name: string): DesignNode => ({ id: `topic-${name}`, kind: "topic", data: { ...defaultNodeData("topic"), name } });
const group = (groupId: string): DesignNode => ({ id: `group-${groupId}`, kind: "consumerGroup", data: { ...defaultNodeData("consumerGroup"), groupId } });
const allow = (principal: string, resourceType: AclBinding["resourceType"], resourceName: string, operation: AclBinding["operation"], patternType: AclBinding["patternType"] = "LITERAL"): AclBinding => ({
  resourceType,
  resourceName,
  patternType,
  principal,
  host: "*",
  operation,
  permission: "ALLOW",
});
const imported: Topology = {
  nodes: [topic("orders"), topic("shop.refunds"), topic("payments"), group("billing")],
  edges: [
    { id: "e1", source: "topic-orders", target: "group-billing" },
    { id: "e2", source: "topic-shop.refunds", target: "group-billing" },
  ],
};

describe("principals into an imported design", () => {
  it("a principal with WRITE on topics becomes a producer writing to them, as idempotent or transactional as its bindings say", () => {
    const t = identitiesFromBindings(imported, [
      allow("User:orders-svc", "TOPIC", "orders", "WRITE"),
      allow("User:orders-svc", "TOPIC", "orders", "DESCRIBE"),
      allow("User:orders-svc", "CLUSTER", "kafka-cluster", "IDEMPOTENT_WRITE"),
      allow("User:pay", "TOPIC", "payments", "WRITE"),
      allow("User:pay", "TRANSACTIONAL_ID", "pay-", "WRITE", "PREFIXED"),
    ]);
    const producers = t.nodes.filter((n) => n.kind === "producer");
    expect(producers.map((n) => [n.id, n.data.appName, (n.data as { access?: unknown }).access])).toEqual([
      ["producer-orders-svc", "orders-svc", expect.objectContaining({ principal: "User:orders-svc", idempotent: true, transactional: false, usePrefixes: false })],
      ["producer-pay", "pay", expect.objectContaining({ principal: "User:pay", transactional: true, transactionalId: "pay-", usePrefixes: true, topicPrefix: "" })],
    ]);
    expect(t.edges.filter((e) => e.source.startsWith("producer-")).map((e) => `${e.source}->${e.target}`)).toEqual(["producer-orders-svc->topic-orders", "producer-pay->topic-payments"]);
    // Planned again, the producer's bindings are what it has (DESCRIBE written out beside WRITE).
    const derived = designBindings(t).filter((b) => b.binding.principal === "User:orders-svc").map((b) => `${b.binding.operation} ${b.binding.resourceName}`);
    expect(derived).toEqual(["WRITE orders", "DESCRIBE orders", "IDEMPOTENT_WRITE kafka-cluster"]);
  });

  it("READ on a group and on every topic it reads makes the principal the group's; a prefix binding says prefixes", () => {
    const t = identitiesFromBindings(imported, [
      allow("User:partial", "GROUP", "billing", "READ"),
      allow("User:partial", "TOPIC", "orders", "READ"),
      allow("User:reader", "GROUP", "billing", "READ"),
      allow("User:reader", "TOPIC", "orders", "READ"),
      allow("User:reader", "TOPIC", "shop.", "READ", "PREFIXED"),
    ]);
    const g = t.nodes.find((n) => n.id === "group-billing")!;
    expect((g.data as { access?: unknown }).access).toEqual(expect.objectContaining({ principal: "User:reader", usePrefixes: true, topicPrefix: "shop." }));
    expect(t.nodes.filter((n) => n.kind === "producer")).toEqual([]);
  });

  it("leaves out bindings for everyone, for every name, from one host, and denials", () => {
    const t = identitiesFromBindings(imported, [
      allow("User:*", "TOPIC", "orders", "WRITE"),
      allow("User:any", "TOPIC", "*", "WRITE"),
      { ...allow("User:host", "TOPIC", "orders", "WRITE"), host: "10.0.0.1" },
      { ...allow("User:deny", "TOPIC", "orders", "WRITE"), permission: "DENY" },
    ]);
    expect(t).toEqual(imported);
  });
});
