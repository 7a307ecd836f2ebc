import { describe, expect, it } from "vitest";
import { resolveSecretRefs, secretRefNames, holdsReference } from "../connect/secret-refs";
import { connectionError, edgeKind } from "./connection-rules";
import { connectorNodeProblems, designConnectorConfig, mirrorAlias, mirrorSourceTopic, sinkConnectorGroupId } from "./design-connectors";
import { defaultNodeData, type DesignNode, type Topology } from "./design-schema";
import { validateDesign } from "./validate-design";
import { connectorTopics } from "./validate-connectors";

const source = (data: Partial<ReturnType<typeof defaultNodeData<"sourceConnector">>> = {}) => ({ id: "s", kind: "sourceConnector" as const, data: { ...defaultNodeData("sourceConnector"), name: "src", connectorClass: "FileStreamSource", ...data } });
const sink = (data: Partial<ReturnType<typeof defaultNodeData<"sinkConnector">>> = {}) => ({ id: "k", kind: "sinkConnector" as const, data: { ...defaultNodeData("sinkConnector"), name: "snk", connectorClass: "FileStreamSink", ...data } });
const topic = (id: string, name: string): DesignNode => ({ id, kind: "topic", data: { ...defaultNodeData("topic"), name } });
const messages = (ps: { message: string }[]) => ps.map((p) => p.message);

describe("connector edges", () => {
  it("a source writes topics, a sink reads them, nothing else", () => {
    expect(edgeKind("sourceConnector", "topic")).toBe("produces");
    expect(edgeKind("topic", "sinkConnector")).toBe("consumes");
    expect(connectionError("sinkConnector", "topic")).toMatch(/sink connector only reads topics/);
    expect(connectionError("topic", "sourceConnector")).toMatch(/source connector only writes/);
    expect(connectionError("sourceConnector", "consumerGroup")).toMatch(/source connector writes to topics/);
  });
});

describe("the config a design asks for", () => {
  it("takes a sink's topics and a single-topic source's topic from the edges, unless the config names them", () => {
    expect(designConnectorConfig(sink({ config: { file: "/out" } }), { reads: ["b", "a", "a"], writes: [] })).toEqual({ file: "/out", "connector.class": "FileStreamSink", topics: "a,b" });
    expect(designConnectorConfig(sink({ config: { "topics.regex": "x.*" } }), { reads: ["a"], writes: [] })).toEqual({ "topics.regex": "x.*", "connector.class": "FileStreamSink" });
    expect(designConnectorConfig(source({ config: { file: "/in" } }), { reads: [], writes: ["t"] })).toEqual({ file: "/in", "connector.class": "FileStreamSource", topic: "t" });
    expect(designConnectorConfig(source({ config: { topic: "own" } }), { reads: [], writes: ["t"] }).topic).toBe("own");
    // Two topics: a single-topic source cannot say which, so the config must.
    expect(designConnectorConfig(source(), { reads: [], writes: ["a", "b"] }).topic).toBeUndefined();
    // The node's own name and class win over keys of the same name in its config.
    expect(designConnectorConfig(source({ config: { name: "x", "connector.class": "Y" } }), { reads: [], writes: [] })).toEqual({ "connector.class": "FileStreamSource" });
  });

  it("MirrorMaker: the source alias from the Topiary cluster's name, the source topics from the replicas it writes", () => {
    const mm = source({ connectorClass: "org.apache.kafka.connect.mirror.MirrorSourceConnector", sourceCluster: "prod eu", config: {} });
    expect(mirrorAlias(mm.data)).toBe("prod_eu");
    expect(mirrorSourceTopic("prod_eu.orders.v1", mm.data)).toBe("orders.v1");
    expect(mirrorSourceTopic("orders", mm.data)).toBeNull();
    expect(designConnectorConfig(mm, { reads: [], writes: ["prod_eu.orders.v1", "prod_eu.payments"] })).toMatchObject({ "source.cluster.alias": "prod_eu", topics: "orders\\.v1,payments" });
    const identity = { ...mm.data, config: { "replication.policy.class": "org.apache.kafka.connect.mirror.IdentityReplicationPolicy" } };
    expect(mirrorSourceTopic("orders", identity)).toBe("orders");
  });

  it("a sink's consumer group is connect-<name> unless its config overrides it", () => {
    expect(sinkConnectorGroupId(sink().data)).toBe("connect-snk");
    expect(sinkConnectorGroupId(sink({ config: { "consumer.override.group.id": "mine" } }).data)).toBe("mine");
  });
});

describe("checks while drawing", () => {
  it("refuses a secret written in the design, accepts references", () => {
    expect(messages(connectorNodeProblems(sink({ config: { "connection.password": "hunter2" } }), { reads: ["a"], writes: [] }))).toEqual([
      expect.stringMatching(/connection\.password holds a secret in the design: keep it in the cluster's Connect secrets and write \$\{secret:name\}/),
    ]);
    expect(connectorNodeProblems(sink({ config: { "connection.password": "${secret:db-pw}", "sasl.jaas.config": 'x password="${secret:k}";' } }), { reads: ["a"], writes: [] })).toEqual([]);
    expect(connectorNodeProblems(sink({ config: { "connection.password": "${file:/etc/s.properties:pw}" } }), { reads: ["a"], writes: [] })).toEqual([]);
    expect(messages(connectorNodeProblems(sink({ config: { file: "${secret:bad name}" } }), { reads: ["a"], writes: [] }))).toEqual([expect.stringMatching(/is not a valid secret reference/)]);
  });

  it("names, plugins, topics and MirrorMaker's own rules", () => {
    const empty = { reads: [], writes: [] };
    expect(connectorNodeProblems(sink({ name: "", connectorClass: "" }), empty).map((p) => [p.severity, p.field])).toEqual([
      ["error", "name"],
      ["error", "connectorClass"],
      ["error", "topics"],
    ]);
    expect(messages(connectorNodeProblems(sink({ name: "a/b" }), { reads: ["t"], writes: [] }))).toEqual([expect.stringMatching(/cannot start or end with spaces, nor hold control characters, '\/'/)]);
    expect(connectorNodeProblems(source(), empty).map((p) => p.severity)).toEqual(["warning"]);
    expect(messages(connectorNodeProblems(sink({ connectorClass: "FileStreamSource" }), { reads: ["t"], writes: [] }))).toEqual([expect.stringMatching(/looks like a source plugin/)]);
    expect(messages(connectorNodeProblems(sink({ config: { topics: "x" } }), { reads: ["t"], writes: [] }))).toEqual([expect.stringMatching(/differs from the topics connected to it/)]);
    const mm = source({ connectorClass: "MirrorSourceConnector", config: { "source.cluster.bootstrap.servers": "h:9092" } });
    expect(connectorNodeProblems(mm, { reads: [], writes: ["orders"] }).map((p) => p.field)).toEqual(["sourceCluster", "config.source.cluster.bootstrap.servers"]);
    expect(messages(connectorNodeProblems(source({ connectorClass: "MirrorSourceConnector", sourceCluster: "prod" }), { reads: [], writes: ["orders"] }))).toEqual([
      expect.stringMatching(/MirrorMaker writes "prod\.<topic>": topic "orders" cannot be one of its replicas/),
    ]);
    expect(messages(connectorNodeProblems(source({ sourceCluster: "prod" }), { reads: [], writes: ["t"] }))).toEqual([expect.stringMatching(/only MirrorMaker's source connector replicates/)]);
    // Marked for deletion: only its name matters.
    expect(connectorNodeProblems(sink({ connectorClass: "", deleteOnApply: true }), empty)).toEqual([]);
  });

  it("in a whole design: topics from the edges, names twice on one Connect cluster", () => {
    const t: Topology = {
      nodes: [source(), topic("t1", "lines"), sink(), { ...sink(), id: "k2" }],
      edges: [
        { id: "e1", source: "s", target: "t1" },
        { id: "e2", source: "t1", target: "k" },
        { id: "e3", source: "t1", target: "k2" },
      ],
    };
    expect(connectorTopics(t).get("s")).toEqual({ reads: [], writes: ["lines"] });
    expect(connectorTopics(t).get("k")).toEqual({ reads: ["lines"], writes: [] });
    const problems = validateDesign(t).filter((p) => p.severity === "error");
    expect(problems.map((p) => [p.nodeId, p.message])).toEqual([
      ["k", 'Connector "snk" appears 2 times in this design'],
      ["k2", 'Connector "snk" appears 2 times in this design'],
    ]);
    expect(validateDesign({ ...t, nodes: t.nodes.slice(0, 3), edges: t.edges.slice(0, 2) })).toEqual([]);
  });
});

describe("secret references", () => {
  it("are found, resolved where known and reported where not", () => {
    expect(secretRefNames('user="${secret:u}" password="${secret:p}"')).toEqual(["u", "p"]);
    expect(resolveSecretRefs('a ${secret:u} b ${secret:missing}', (n) => (n === "u" ? "U" : undefined))).toEqual({ value: "a U b ${secret:missing}", missing: ["missing"], used: ["u"] });
    expect(holdsReference("${env:HOME}")).toBe(true);
    expect(holdsReference("plain")).toBe(false);
  });
});
