import { describe, expect, it } from "vitest";
import { defaultAccess, type ApplicationAccess } from "../designs/design-identities";
import { defaultNodeData, type DesignNode, type Topology } from "../designs/design-schema";
import { describeBinding } from "./acl-model";
import { designAccessNeeds, designBindings, designQuotas, nodeBindings } from "./design-bindings";

const topic = (id: string, name: string, extra: Partial<Extract<DesignNode, { kind: "topic" }>["data"]> = {}): DesignNode => ({ id, kind: "topic", data: { ...defaultNodeData("topic"), name, ...extra } });
const access = (a: Partial<ApplicationAccess>): ApplicationAccess => ({ ...defaultAccess(), ...a });
const producer = (id: string, a?: Partial<ApplicationAccess>, clientId = ""): DesignNode => ({ id, kind: "producer", data: { ...defaultNodeData("producer"), clientId, ...(a ? { access: access(a) } : {}) } });
const group = (id: string, groupId: string, a?: Partial<ApplicationAccess>): DesignNode => ({ id, kind: "consumerGroup", data: { ...defaultNodeData("consumerGroup"), groupId, ...(a ? { access: access(a) } : {}) } });
const processor = (id: string, groupId: string, a?: Partial<ApplicationAccess>): DesignNode => ({ id, kind: "processor", data: { ...defaultNodeData("processor"), groupId, ...(a ? { access: access(a) } : {}) } });
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target });
const lines = (t: Topology, nodeId: string) => nodeBindings(t, nodeId).map(describeBinding);

describe("bindings derived from a design, per node kind", () => {
  it("producer: WRITE and DESCRIBE on the topics of its edges, IDEMPOTENT_WRITE unless idempotence is off", () => {
    const t: Topology = { nodes: [producer("p", { principal: "User:orders-svc" }), topic("t1", "orders"), topic("t2", "audit")], edges: [edge("p", "t1"), edge("p", "t2")] };
    expect(lines(t, "p")).toEqual([
      'ALLOW User:orders-svc WRITE on topic "audit"',
      'ALLOW User:orders-svc DESCRIBE on topic "audit"',
      'ALLOW User:orders-svc WRITE on topic "orders"',
      'ALLOW User:orders-svc DESCRIBE on topic "orders"',
      "ALLOW User:orders-svc IDEMPOTENT_WRITE on the cluster",
    ]);
    (t.nodes[0].data as { access: ApplicationAccess }).access.idempotent = false;
    expect(lines(t, "p")).toHaveLength(4);
  });

  it("transactional producer: its transactional id (a prefix only with prefix bindings), no IDEMPOTENT_WRITE", () => {
    const t: Topology = { nodes: [producer("p", { principal: "User:pay", transactional: true, transactionalId: "pay-tx" }), topic("t", "payments")], edges: [edge("p", "t")] };
    expect(lines(t, "p")).toEqual([
      'ALLOW User:pay WRITE on topic "payments"',
      'ALLOW User:pay DESCRIBE on topic "payments"',
      'ALLOW User:pay WRITE on transactional id "pay-tx"',
      'ALLOW User:pay DESCRIBE on transactional id "pay-tx"',
    ]);
    (t.nodes[0].data as { access: ApplicationAccess }).access.usePrefixes = true;
    expect(lines(t, "p").slice(2)).toEqual(['ALLOW User:pay WRITE on transactional ids starting with "pay-tx"', 'ALLOW User:pay DESCRIBE on transactional ids starting with "pay-tx"']);
  });

  it("consumer group: READ and DESCRIBE on the topics it reads, READ on its group", () => {
    const t: Topology = { nodes: [topic("t", "orders"), group("g", "billing", { principal: "User:billing" })], edges: [edge("t", "g")] };
    expect(lines(t, "g")).toEqual(['ALLOW User:billing READ on topic "orders"', 'ALLOW User:billing DESCRIBE on topic "orders"', 'ALLOW User:billing READ on consumer group "billing"']);
  });

  it("processor: both sides with its group; without inputs, a producer", () => {
    const t: Topology = {
      nodes: [topic("in", "raw"), processor("x", "enricher", { principal: "User:enricher" }), topic("out", "enriched"), processor("y", "", { principal: "User:gen" })],
      edges: [edge("in", "x"), edge("x", "out"), edge("y", "out")],
    };
    expect(lines(t, "x")).toEqual([
      'ALLOW User:enricher WRITE on topic "enriched"',
      'ALLOW User:enricher DESCRIBE on topic "enriched"',
      'ALLOW User:enricher READ on topic "raw"',
      'ALLOW User:enricher DESCRIBE on topic "raw"',
      'ALLOW User:enricher READ on consumer group "enricher"',
      "ALLOW User:enricher IDEMPOTENT_WRITE on the cluster",
    ]);
    expect(designAccessNeeds(t).find((n) => n.nodeId === "y")?.need.kind).toBe("producer");
  });

  it("prefix bindings only when the node says so: topics under the prefix share one prefixed binding", () => {
    const t: Topology = {
      nodes: [topic("a", "shop.orders"), topic("b", "shop.refunds"), topic("c", "legacy"), group("g", "shop-billing", { principal: "User:billing", usePrefixes: true, topicPrefix: "shop." })],
      edges: [edge("a", "g"), edge("b", "g"), edge("c", "g")],
    };
    expect(lines(t, "g")).toEqual([
      'ALLOW User:billing READ on topic "legacy"',
      'ALLOW User:billing DESCRIBE on topic "legacy"',
      'ALLOW User:billing READ on topics starting with "shop."',
      'ALLOW User:billing DESCRIBE on topics starting with "shop."',
      'ALLOW User:billing READ on consumer group "shop-billing"',
    ]);
  });

  it("no principal, a bad one, no edges, a topic marked for deletion or unnamed: nothing derived for it", () => {
    const t: Topology = {
      nodes: [producer("none"), producer("empty", { principal: "" }), producer("bad", { principal: "orders" }), producer("all", { principal: "User:*" }), producer("lonely", { principal: "User:x" }), producer("p", { principal: "User:p" }), topic("gone", "old", { deleteOnApply: true }), topic("unnamed", "")],
      edges: [edge("none", "gone"), edge("empty", "gone"), edge("bad", "gone"), edge("all", "gone"), edge("p", "gone"), edge("p", "unnamed")],
    };
    expect(designAccessNeeds(t)).toEqual([]);
    expect(designBindings(t)).toEqual([]);
  });

  it("a binding two nodes need is listed once, with both nodes", () => {
    const t: Topology = { nodes: [producer("p1", { principal: "User:a" }), producer("p2", { principal: "User:a" }), topic("t", "orders")], edges: [edge("p1", "t"), edge("p2", "t")] };
    const all = designBindings(t);
    expect(all).toHaveLength(3);
    expect(all.every((b) => b.nodeIds.join() === "p1,p2")).toBe(true);
  });

  it("quotas: for the principal's user, the client id, or both; only the limits set", () => {
    const t: Topology = {
      nodes: [
        producer("p", { principal: "User:orders-svc", quota: { subject: "user", producer_byte_rate: 1048576, consumer_byte_rate: null, request_percentage: null } }, "orders-1"),
        producer("q", { principal: "User:x", quota: { subject: "user-client-id", producer_byte_rate: null, consumer_byte_rate: 2048, request_percentage: 25 } }, "x-1"),
        group("g", "g", { principal: "User:g", quota: { subject: "client-id", producer_byte_rate: 5, consumer_byte_rate: null, request_percentage: null } }),
      ],
      edges: [],
    };
    expect(designQuotas(t)).toEqual([
      { entity: [{ type: "user", name: "orders-svc" }], values: { producer_byte_rate: 1048576 }, nodeIds: ["p"] },
      { entity: [{ type: "user", name: "x" }, { type: "client-id", name: "x-1" }], values: { consumer_byte_rate: 2048, request_percentage: 25 }, nodeIds: ["q"] },
    ]);
  });
});
