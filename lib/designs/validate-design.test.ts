import { describe, expect, it } from "vitest";
import { defaultNodeData, type DesignNode, type Topology } from "./design-schema";
import { exampleTopology } from "./example-design";
import { validateDesign } from "./validate-design";

const topic = (id: string, data: Partial<Extract<DesignNode, { kind: "topic" }>["data"]> = {}): DesignNode => ({
  id,
  kind: "topic",
  data: { ...defaultNodeData("topic"), name: id, ...data },
});
const producer = (id: string): DesignNode => ({ id, kind: "producer", data: { ...defaultNodeData("producer"), appName: id } });
const group = (id: string, groupId = id): DesignNode => ({ id, kind: "consumerGroup", data: { ...defaultNodeData("consumerGroup"), groupId } });
const processor = (id: string, groupId = ""): DesignNode => ({ id, kind: "processor", data: { ...defaultNodeData("processor"), appName: id, groupId } });

/** A topic wired to a producer and a consumer, so only the rule under test speaks. */
function wired(t: DesignNode, extra: Partial<Topology> = {}): Topology {
  return {
    nodes: [producer("p"), t, group("g"), ...(extra.nodes ?? [])],
    edges: [{ id: "e1", source: "p", target: t.id }, { id: "e2", source: t.id, target: "g" }, ...(extra.edges ?? [])],
  };
}
const messages = (t: Topology, ctx = {}) => validateDesign(t, ctx).map((p) => `${p.severity}: ${p.message}`);

describe("validateDesign", () => {
  it("finds nothing wrong with the example flow", () => {
    expect(validateDesign(exampleTopology())).toEqual([]);
  });

  it("makes an invalid contract an error on its topic, on the part that is broken", () => {
    const valid = { format: "avro" as const, text: '{"type": "record", "name": "Order", "fields": [{"name": "id", "type": "string"}]}' };
    expect(validateDesign(wired(topic("t", { contract: { value: valid } })))).toEqual([]);
    const problems = validateDesign(wired(topic("t", { contract: { value: valid, key: { format: "json-schema", text: '{\n  "type": 5\n}' } } })));
    expect(problems).toEqual([
      { severity: "error", nodeId: "t", field: "contract.key", message: expect.stringMatching(/^topic "t": key schema \(JSON Schema\): line 2, column 11: At \/type: must be/) },
    ]);
    const broken = validateDesign(wired(topic("t", { contract: { value: { format: "protobuf", text: "message X {" } } })));
    expect(broken).toEqual([{ severity: "error", nodeId: "t", field: "contract.value", message: expect.stringMatching(/^topic "t": value schema \(Protobuf\): /) }]);
  });

  it.each([
    ["", "cannot be empty"],
    [".", "cannot be named"],
    ["..", "cannot be named"],
    ["a".repeat(250), "at most 249"],
    ["orders events", "ASCII letters"],
    ["ordèrs", "ASCII letters"],
  ])("applies Kafka's topic-name rules to %j", (name, reason) => {
    const problems = validateDesign(wired(topic("t", { name })));
    expect(problems).toContainEqual(expect.objectContaining({ severity: "error", nodeId: "t", field: "name", message: expect.stringContaining(reason) }));
  });

  it("refuses duplicate topics and '.'/'_' collisions, each collision listed once", () => {
    const dup = wired(topic("t1", { name: "orders" }), { nodes: [topic("t2", { name: "orders" })], edges: [{ id: "x", source: "p", target: "t2" }, { id: "y", source: "t2", target: "g" }] });
    expect(messages(dup).filter((m) => m.includes("appears 2 times"))).toHaveLength(2);
    const col = wired(topic("t1", { name: "shop.orders" }), { nodes: [topic("t2", { name: "shop_orders" })], edges: [{ id: "x", source: "p", target: "t2" }, { id: "y", source: "t2", target: "g" }] });
    const collisions = messages(col).filter((m) => m.includes("collides"));
    expect(collisions).toEqual(['error: Topic "shop_orders" collides with "shop.orders": Kafka treats \'.\' and \'_\' alike in metric names and refuses the second']);
  });

  it("checks partitions and replication factor, against the broker count when bound", () => {
    expect(messages(wired(topic("t", { partitions: 0 })))).toContainEqual(expect.stringContaining("partitions must be at least 1"));
    expect(messages(wired(topic("t", { replicationFactor: 0 })))).toContainEqual(expect.stringContaining("replication factor must be at least 1"));
    const rf3 = wired(topic("t", { replicationFactor: 3 }));
    expect(messages(rf3)).toEqual([]);
    expect(messages(rf3, { brokerCount: 1 })).toContainEqual(expect.stringContaining("replication factor 3 is more than the cluster's 1 broker"));
    expect(messages(rf3, { brokerCount: 3 })).toEqual([]);
  });

  it("checks config keys, types and ranges", () => {
    const bad = wired(
      topic("t", {
        configs: { "retention.ms": "a week", "cleanup.policy": "delete,compact", "compression.type": "brotli", "min.insync.replicas": "0", "no.such.key": "1", "min.cleanable.dirty.ratio": "1.5" },
      }),
    );
    const m = messages(bad);
    expect(m).toContainEqual(expect.stringContaining("retention.ms must be a whole number"));
    expect(m).toContainEqual(expect.stringContaining("compression.type must be one of"));
    expect(m).toContainEqual(expect.stringContaining("min.insync.replicas must be at least 1"));
    expect(m).toContainEqual(expect.stringContaining('"no.such.key" is not a topic config'));
    expect(m).toContainEqual(expect.stringContaining("min.cleanable.dirty.ratio must be at most 1"));
    expect(m.some((x) => x.includes("cleanup.policy"))).toBe(false);
  });

  it("refuses min.insync.replicas above the replication factor", () => {
    expect(messages(wired(topic("t", { configs: { "min.insync.replicas": "2" } })))).toContainEqual(expect.stringMatching(/^error: .*min.insync.replicas 2 is more than the replication factor 1/));
    expect(messages(wired(topic("t", { replicationFactor: 3, configs: { "min.insync.replicas": "2" } })))).toEqual([]);
  });

  it("warns about topics without producer or consumer and groups that read nothing", () => {
    const t: Topology = { nodes: [topic("lonely"), group("idle")], edges: [] };
    const m = messages(t);
    expect(m).toContainEqual('warning: topic "lonely" has no producer');
    expect(m).toContainEqual('warning: topic "lonely" has no consumer');
    expect(m).toContainEqual('warning: group "idle" reads no topic');
  });

  it("needs a group id for consumer groups and for processors that read", () => {
    expect(messages({ nodes: [group("g", "")], edges: [] })).toContainEqual(expect.stringContaining("give it a group id"));
    const t = wired(topic("t"), { nodes: [processor("proc")], edges: [{ id: "e3", source: "t", target: "proc" }] });
    expect(messages(t)).toContainEqual(expect.stringContaining("needs a consumer group id"));
  });

  it("refuses edges that make no sense (e.g. from an imported file)", () => {
    const t: Topology = { nodes: [producer("a"), producer("b")], edges: [{ id: "bad", source: "a", target: "b" }] };
    expect(validateDesign(t)).toContainEqual(expect.objectContaining({ severity: "error", edgeId: "bad", message: expect.stringContaining("writes to topics") }));
  });

  it("lists errors before warnings", () => {
    const severities = validateDesign({ nodes: [topic("x", { name: "" }), group("g", "")], edges: [] }).map((p) => p.severity);
    expect(severities).toEqual([...severities].sort((a, b) => (a === b ? 0 : a === "error" ? -1 : 1)));
  });
});
