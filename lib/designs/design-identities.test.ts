import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { asyncApiToYaml, topologyToAsyncApi } from "./asyncapi-export";
import { asyncApiToTopology } from "./asyncapi-import";
import { defaultAccess, identityProblems, type ApplicationAccess } from "./design-identities";
import { defaultNodeData, topologySchema, type DesignNode, type Topology } from "./design-schema";
import { validateDesign } from "./validate-design";

const access = (a: Partial<ApplicationAccess>): ApplicationAccess => ({ ...defaultAccess(), ...a });
const producer = (id: string, a: Partial<ApplicationAccess>, clientId = ""): DesignNode => ({ id, kind: "producer", data: { ...defaultNodeData("producer"), appName: id, clientId, access: access(a) } });
const group = (id: string, a: Partial<ApplicationAccess>): DesignNode => ({ id, kind: "consumerGroup", data: { ...defaultNodeData("consumerGroup"), groupId: id, access: access(a) } });
const topic = (id: string, name: string): DesignNode => ({ id, kind: "topic", data: { ...defaultNodeData("topic"), name } });
const messages = (t: Topology) => identityProblems(t).map((p) => `${p.severity} ${p.nodeId} ${p.field}: ${p.message}`);
const quota = (q: Partial<NonNullable<ApplicationAccess["quota"]>>) => ({ subject: "user" as const, producer_byte_rate: null, consumer_byte_rate: null, request_percentage: null, ...q });

describe("identities in the topology schema", () => {
  it("is optional: a design without identities parses unchanged, and one with them keeps them", () => {
    const plain = topologySchema.parse({ nodes: [{ id: "p", kind: "producer", data: {} }], edges: [] });
    expect("access" in plain.nodes[0].data).toBe(false);
    const withAccess = topologySchema.parse({ nodes: [{ id: "p", kind: "producer", data: { access: { principal: "User:a" } } }], edges: [] });
    expect((withAccess.nodes[0].data as { access: ApplicationAccess }).access).toEqual(access({ principal: "User:a" }));
  });
});

describe("identity validation", () => {
  it("a principal names one principal: type and name, not everyone", () => {
    const t: Topology = { nodes: [producer("a", { principal: "orders" }), producer("b", { principal: "User:*" }), producer("c", { principal: "User:orders-svc" })], edges: [] };
    expect(messages(t)).toEqual([
      "error a access.principal: A principal is a type and a name, such as User:orders-svc",
      "error b access.principal: Name one principal: a design's application does not run as everyone",
    ]);
  });

  it("a transactional producer needs its id and stays idempotent", () => {
    const t: Topology = { nodes: [producer("p", { principal: "User:p", transactional: true, idempotent: false })], edges: [] };
    expect(messages(t)).toEqual(["error p access.transactionalId: A transactional producer needs its transactional id", "error p access.idempotent: A transactional producer is always idempotent"]);
  });

  it("prefix bindings need a prefix; topics outside it are bound by name (a warning)", () => {
    const t: Topology = {
      nodes: [group("g", { principal: "User:g", usePrefixes: true, topicPrefix: "" }), group("h", { principal: "User:h", usePrefixes: true, topicPrefix: "shop." }), topic("t1", "shop.orders"), topic("t2", "legacy")],
      edges: [
        { id: "e1", source: "t1", target: "h" },
        { id: "e2", source: "t2", target: "h" },
      ],
    };
    expect(messages(t)).toEqual(["error g access.topicPrefix: Enter the topic prefix the bindings use", 'warning h access.topicPrefix: Not under the prefix "shop.", so bound by name: legacy']);
  });

  it("a quota needs a limit, whole byte rates, and an entity it can name; two nodes may not quota one entity differently", () => {
    const t: Topology = {
      nodes: [
        producer("none", { principal: "User:a", quota: quota({}) }),
        producer("frac", { principal: "User:b", quota: quota({ producer_byte_rate: 1.5 }) }),
        producer("noclient", { principal: "User:c", quota: quota({ subject: "client-id", producer_byte_rate: 10 }) }),
        producer("x1", { principal: "User:x", quota: quota({ producer_byte_rate: 10 }) }),
        producer("x2", { principal: "User:x", quota: quota({ producer_byte_rate: 20 }) }),
        producer("same", { principal: "User:y", quota: quota({ request_percentage: 25 }) }),
        producer("same2", { principal: "User:y", quota: quota({ request_percentage: 25 }) }),
      ],
      edges: [],
    };
    expect(messages(t)).toEqual([
      "error none access.quota: Set at least one limit, or remove the quota",
      "error frac access.quota.producer_byte_rate: Produce rate: a whole number of bytes per second",
      "error noclient access.quota.subject: A quota for the client id needs the node's client id",
      "error x1 access.quota: Another node sets a different quota for the same principal or client id",
      "error x2 access.quota: Another node sets a different quota for the same principal or client id",
    ]);
  });

  it("errors block the plan as the design's other errors do", () => {
    const t: Topology = { nodes: [producer("p", { principal: "nope" })], edges: [] };
    expect(validateDesign(t).some((p) => p.severity === "error" && p.field === "access.principal")).toBe(true);
  });
});

describe("identities through AsyncAPI", () => {
  it("travel in x-topiary-application and come back exactly (connected and unconnected applications)", () => {
    const original: Topology = {
      nodes: [
        producer("p", { principal: "User:orders-svc", transactional: true, transactionalId: "orders-tx", usePrefixes: true, topicPrefix: "shop.", quota: quota({ producer_byte_rate: 1048576 }) }, "orders-1"),
        topic("t", "shop.orders"),
        group("billing", { principal: "User:billing" }),
        group("idle", { principal: "User:idle" }),
      ],
      edges: [
        { id: "e1", source: "p", target: "t" },
        { id: "e2", source: "t", target: "billing" },
      ],
    };
    const doc = YAML.parse(asyncApiToYaml(topologyToAsyncApi("Identities", original)));
    const { topology, warnings } = asyncApiToTopology(doc);
    expect(warnings).toEqual([]);
    const byId = (t: Topology) => Object.fromEntries(t.nodes.map((n) => [n.id, n.data]));
    expect(byId(topology)).toEqual(byId(original));
  });

  it("an invalid identity is left out with a warning", () => {
    const doc = topologyToAsyncApi("Bad", { nodes: [producer("p", { principal: "User:p" }), topic("t", "orders")], edges: [{ id: "e", source: "p", target: "t" }] }) as Record<string, any>;
    const op = Object.values(doc.operations as Record<string, any>)[0];
    op["x-topiary-application"].access = { principal: 42 };
    const { topology, warnings } = asyncApiToTopology(doc);
    expect(warnings).toEqual(['Application "p": its identity (access) is not valid and was left out']);
    expect("access" in topology.nodes.find((n) => n.id === "p")!.data).toBe(false);
  });
});
