// MirrorMaker 2 across two Topiary clusters, Connect's check while drawing and the canvas' live status, against
// the real Connect worker of the test setup (CONNECT_URL) and the real broker (issue 14, items 5, 7 and 8). The
// file name holds "connect", so the global setup starts the worker for it.
import path from "node:path";
import { Kafka, logLevel } from "kafkajs";
import { afterAll, describe, expect, it } from "vitest";
import { GET as liveRoute } from "@/app/api/designs/[id]/live/route";
import { defaultNodeData } from "@/lib/designs/design-schema";
import { unwrap } from "@/lib/errors/action-result";
import type { DesignLiveAnswer } from "@/lib/groups/design-live";
import { setConnectSecretAction } from "@/server/actions/connect-secret-actions";
import { createDesignAction } from "@/server/actions/design-actions";
import { validateDesignConnectorAction } from "@/server/actions/design-connector-actions";
import { connectRest, eventually, makeConnectCluster } from "@/server/connect/test-support";
import { prisma } from "@/server/db/prisma";
import { connectorTestKit } from "@/server/test-support/design-connectors";
import { makeDesign, topicNode } from "@/server/test-support/designs";
import { brokers, makeCluster, unique, withAdmin } from "@/server/test-support/fixtures";
import { callRoute } from "@/server/test-support/topics";
import { checkConnectorApply } from "./apply-connectors";
import { computePlan } from "./compute-plan";

const { connectorNode, setup, apply, fileFlow, cleanup } = connectorTestKit();
afterAll(cleanup);

describe("connectors across clusters, while drawing and live", () => {
  it("MirrorMaker 2 between two Topiary clusters: drawn in a design bound to the target, applied, and it replicates", async () => {
    // One local broker: both Topiary clusters point at it. The source cluster's topic and its replica on the
    // target ("<source alias>.<topic>", MirrorMaker's default naming) are two topics of the same broker.
    const source = await makeCluster();
    const target = await makeCluster();
    const connect = await makeConnectCluster(target.id);
    const topic = unique("mm2-orders");
    const values = ["a", "b", "c", "d", "e"].map((v) => JSON.stringify({ order: v }));
    await withAdmin((a) => a.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true }));
    const kafka = new Kafka({ clientId: "topiary-test-mm2", brokers: brokers().split(","), logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: values.map((value, i) => ({ key: `k${i}`, value })) });
    await producer.disconnect();

    const alias = source.name.replace(/[^A-Za-z0-9_-]+/g, "_");
    const replica = `${alias}.${topic}`;
    const name = unique("t-design-mm2");
    const t = topicNode(replica);
    const mm2 = connectorNode("sourceConnector", name, {
      connectorClass: "org.apache.kafka.connect.mirror.MirrorSourceConnector",
      sourceCluster: source.name,
      connectCluster: connect.name,
      config: {
        "key.converter": "org.apache.kafka.connect.converters.ByteArrayConverter",
        "value.converter": "org.apache.kafka.connect.converters.ByteArrayConverter",
        "replication.factor": "1",
        "offset-syncs.topic.replication.factor": "1",
        "sync.topic.acls.enabled": "false",
        "sync.topic.configs.enabled": "false",
        "refresh.topics.interval.seconds": "5",
      },
    });
    const d = await makeDesign(target.id, { nodes: [mm2, t], edges: [{ id: "e1", source: mm2.id, target: t.id }] });

    const plan = await computePlan(d.id);
    expect(plan.plan.blockingErrors).toEqual([]);
    const change = plan.plan.connectors![0].change;
    expect(change?.kind).toBe("createConnector");
    const keys = Object.fromEntries((change?.kind === "createConnector" ? change.keys : []).map((k) => [k.key, k.after]));
    // Both clusters' addresses come from Topiary's store at apply, shown as references; the topics from the edge.
    expect(keys).toMatchObject({
      "source.cluster.bootstrap.servers": `(bootstrap servers of cluster "${source.name}")`,
      "target.cluster.bootstrap.servers": `(bootstrap servers of cluster "${target.name}")`,
      "source.cluster.security.protocol": "PLAINTEXT",
      "source.cluster.alias": alias,
      topics: topic.replace(/\./g, "\\."),
    });
    expect((await prisma.design.findUniqueOrThrow({ where: { id: d.id } })).topology).not.toContain(brokers());

    const run = unwrap(await apply(d.id, target.id));
    expect(run.status, `${run.error ?? ""} ${JSON.stringify(run.results)}`).toBe("succeeded");
    expect((await connectRest("GET", `/connectors/${name}/config`)).body).toMatchObject({ "source.cluster.bootstrap.servers": brokers(), "target.cluster.bootstrap.servers": brokers() });

    const consumer = kafka.consumer({ groupId: unique("mm2-check") });
    const seen: { key: string; value: string }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: replica, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push({ key: message.key?.toString() ?? "", value: message.value?.toString() ?? "" }) });
    try {
      await eventually(async () => seen.length >= values.length, "the replica to hold the source's messages", 60_000);
    } finally {
      await consumer.disconnect();
    }
    expect(seen).toEqual(values.map((value, i) => ({ key: `k${i}`, value })));
    expect((await computePlan(d.id)).plan.changes).toEqual([]);
  }, 150_000);

  it("apply refuses a MirrorMaker connector whose source cluster the user may not read, and an unconfirmed connector deletion", () => {
    const change = { kind: "createConnector" as const, nodeId: "m", connector: "mm2", connect: "c", className: "MirrorSourceConnector", keys: [] };
    const plan = { topics: [], unmanaged: [], changes: [change], deletions: [], blockingErrors: [], hash: "0000000000000000", connectorDeletions: [] };
    const desired = { nodeId: "m", name: "mm2", connect: "c", type: "source" as const, className: "MirrorSourceConnector", config: {}, deleteOnApply: false, refusals: [], sourceClusterId: "src", sourceClusterName: "prod" };
    const planning = { part: { connectors: [], unmanaged: [], changes: [change], deletions: [], hash: "" }, desired: [desired], targets: new Map() };
    const editor = { id: "u", name: "u", local: false, grants: [{ clusterId: "dst", role: "admin" as const }, { clusterId: "src", role: "viewer" as const }] };
    expect(() => checkConnectorApply(plan, [], planning, editor)).toThrow(/replicates from cluster "prod".*operator role/);
    const operator = { ...editor, grants: [...editor.grants, { clusterId: "src", role: "operator" as const }] };
    expect(() => checkConnectorApply(plan, [], planning, operator)).not.toThrow();
    expect(() => checkConnectorApply({ ...plan, connectorDeletions: ["old one"] }, [], planning, operator)).toThrow(/Type the name of each connector to delete to confirm: old one/);
    expect(() => checkConnectorApply({ ...plan, connectorDeletions: ["old one"] }, ["old one"], planning, operator)).not.toThrow();
  });

  it("validation while drawing: Connect's errors per field on the bound cluster, secrets cut out; unbound, local checks only", async () => {
    const { cluster } = await setup();
    const d = await makeDesign(cluster.id, { nodes: [], edges: [] });
    const secret = unique("batch");
    unwrap(await setConnectSecretAction({ clusterId: cluster.id, name: secret, value: "not-a-number" }));
    const node = { kind: "sourceConnector" as const, data: { ...defaultNodeData("sourceConnector"), name: "x", connectorClass: "FileStreamSource", config: { "batch.size": `\${secret:${secret}}` } } };
    const v = unwrap(await validateDesignConnectorAction({ designId: d.id, node, topics: { reads: [], writes: ["some-topic"] } }));
    expect(v).toMatchObject({ connect: expect.any(String), unavailable: null, pluginType: "source" });
    expect(v.errors["config.batch.size"]).toMatch(/batch\.size: Invalid value \$\{secret:batch-/);
    expect(JSON.stringify(v)).not.toContain("not-a-number");
    expect(v.keys.map((k) => k.name)).toEqual(expect.arrayContaining(["file", "topic", "batch.size"]));

    const wrong = unwrap(await validateDesignConnectorAction({ designId: d.id, node: { kind: "sinkConnector", data: { ...node.data, config: {} } }, topics: { reads: ["t"], writes: [] } }));
    expect(wrong.errors.connectorClass).toMatch(/is a source plugin: draw it as a source connector/);
    const missing = unwrap(await validateDesignConnectorAction({ designId: d.id, node: { kind: "sinkConnector", data: { ...node.data, connectorClass: "com.example.Nope", config: {} } }, topics: { reads: ["t"], writes: [] } }));
    expect(missing.errors.connectorClass).toMatch(/have no plugin com\.example\.Nope/);

    const unbound = unwrap(await createDesignAction({ name: unique("unbound"), from: { kind: "topology", topology: { nodes: [], edges: [] } } }));
    expect(unwrap(await validateDesignConnectorAction({ designId: unbound.id, node, topics: { reads: [], writes: [] } }))).toMatchObject({ connect: null, unavailable: expect.stringMatching(/not bound to a cluster/) });
  }, 60_000);

  it("live on the canvas: each connector's state and failed tasks, and the throughput of its edges", async () => {
    const { cluster, dir } = await setup();
    const flow = await fileFlow(cluster.id, dir);
    const failing = unique("t-design-live-fail");
    const bad = connectorNode("sinkConnector", failing, { connectorClass: "FileStreamSink", config: { file: path.join(dir, "nope", "out.txt") } });
    const topicId = flow.topology.nodes.find((n) => n.kind === "topic")!.id;
    const d = await makeDesign(cluster.id, { nodes: [...flow.topology.nodes, bad], edges: [...flow.topology.edges, { id: "e3", source: topicId, target: bad.id }] });
    expect(unwrap(await apply(d.id, cluster.id)).status).toBe("partial");

    const live = () => callRoute<DesignLiveAnswer>(liveRoute, `/api/designs/${d.id}/live`, { id: d.id }).then((r) => r.body as Extract<DesignLiveAnswer, { bound: true }>);
    const first = await live();
    expect(first.nodes[`src-${flow.source}`]).toEqual({ kind: "connector", name: flow.source, state: "RUNNING", tasks: 1, failedTasks: 0, reason: "" });
    expect(first.nodes[bad.id]).toMatchObject({ kind: "connector", state: "RUNNING", tasks: 1, failedTasks: 1, reason: expect.stringMatching(/^task 0 FAILED: .*Couldn't find or create file/) });
    // Source edge: the topic's end offsets; sink edge: the group connect-<name> over the sampler's window.
    const rates = await eventually(async () => {
      await new Promise((r) => setTimeout(r, 5_500));
      const l = await live();
      return typeof l.edges.e1 === "number" && typeof l.edges.e2 === "number" ? l.edges : undefined;
    }, "both edges to have a rate", 60_000);
    expect(rates.e1).toBeGreaterThanOrEqual(0);
    expect(rates.e2).toBeGreaterThanOrEqual(0);
  }, 120_000);
});
