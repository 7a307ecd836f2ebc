// Connectors in designs, planned and applied through Topiary against the real Connect worker of the test setup
// (CONNECT_URL) and the real broker (issue 14, items 5 and 6). The file name holds "connect", so the global setup
// starts the worker for it.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GET as driftRoute } from "@/app/api/designs/[id]/drift/route";
import { unwrap } from "@/lib/errors/action-result";
import type { NodeDrift } from "@/lib/plan/drift";
import { setConnectSecretAction } from "@/server/actions/connect-secret-actions";
import { importFromClusterAction } from "@/server/actions/plan-actions";
import { connectRest, eventually, putConnector } from "@/server/connect/test-support";
import { prisma } from "@/server/db/prisma";
import { connectorTestKit } from "@/server/test-support/design-connectors";
import { editDesign, makeDesign, topicNode } from "@/server/test-support/designs";
import { unique, withAdmin } from "@/server/test-support/fixtures";
import { callRoute } from "@/server/test-support/topics";
import { computePlan } from "./compute-plan";

const { connectors, connectorNode, setup, apply, fileFlow, cleanup } = connectorTestKit();
afterAll(cleanup);

describe("connectors in designs", () => {
  it("applies a source → topic → sink flow (both RUNNING, the sink's file equals the source's), and applying again plans nothing", async () => {
    const { cluster, dir } = await setup();
    const flow = await fileFlow(cluster.id, dir);
    const d = await makeDesign(cluster.id, flow.topology);

    const plan = await computePlan(d.id);
    expect(plan.plan.blockingErrors).toEqual([]);
    expect(plan.plan.changes.map((c) => c.kind)).toEqual(["createTopic", "createConnector", "createConnector"]);
    const create = plan.plan.connectors!.find((c) => c.connector === flow.source)!;
    expect(create).toMatchObject({ status: "create", type: "source" });
    // The secret shows as its reference; the topic came from the edge.
    expect(create.change?.kind === "createConnector" && create.change.keys).toEqual(
      expect.arrayContaining([
        { key: "file", before: null, after: expect.stringMatching(/^\$\{secret:in-file-/) },
        { key: "topic", before: null, after: flow.topic },
      ]),
    );
    expect(JSON.stringify(plan)).not.toContain(flow.input);

    const run = unwrap(await apply(d.id, cluster.id));
    expect(run.status, JSON.stringify(run.results)).toBe("succeeded");
    expect(run.results.filter((r) => r.change.kind === "createConnector").map((r) => [r.status, r.message])).toEqual([
      ["done", "RUNNING with 1 task"],
      ["done", "RUNNING with 1 task"],
    ]);
    const stored = await connectRest("GET", `/connectors/${flow.source}/config`);
    expect(stored.body).toMatchObject({ file: flow.input, topic: flow.topic });
    expect((await connectRest("GET", `/connectors/${flow.sink}/config`)).body).toMatchObject({ topics: flow.topic, file: flow.output });

    await eventually(async () => fs.existsSync(flow.output) && fs.readFileSync(flow.output, "utf8") === fs.readFileSync(flow.input, "utf8"), "the sink's file to equal the source's", 45_000);

    const again = await computePlan(d.id);
    expect(again.plan.changes).toEqual([]);
    expect(again.plan.connectors!.map((c) => c.status)).toEqual(["in-sync", "in-sync"]);
    expect(unwrap(await apply(d.id, cluster.id)).status).toBe("no-op");
  }, 120_000);

  it("a changed key plans as before → after, and a connector changed by hand shows as drift", async () => {
    const { cluster, dir } = await setup();
    const flow = await fileFlow(cluster.id, dir);
    const d = await makeDesign(cluster.id, flow.topology);
    expect(unwrap(await apply(d.id, cluster.id)).status).toBe("succeeded");

    await editDesign(d.id, (t) => ({ ...t, nodes: t.nodes.map((n) => (n.kind === "sourceConnector" ? { ...n, data: { ...n.data, config: { ...n.data.config, "batch.size": "50" } } } : n)) }));
    const changed = await computePlan(d.id);
    expect(changed.plan.changes).toEqual([{ kind: "updateConnector", nodeId: `src-${flow.source}`, connector: flow.source, connect: expect.any(String), keys: [{ key: "batch.size", before: "100", after: "50" }] }]);
    const run = unwrap(await apply(d.id, cluster.id));
    expect(run.status, JSON.stringify(run.results)).toBe("succeeded");
    expect((await connectRest("GET", `/connectors/${flow.source}/config`)).body).toMatchObject({ "batch.size": "50", file: flow.input });

    // By hand, on the worker: the sink's file changes and a key is added.
    const sinkConfig = (await connectRest("GET", `/connectors/${flow.sink}/config`)).body as Record<string, string>;
    await putConnector(flow.sink, { ...sinkConfig, file: path.join(dir, "elsewhere.txt"), "errors.tolerance": "all" });
    const drift = await callRoute<{ nodes: Record<string, NodeDrift> }>(driftRoute, `/api/designs/${d.id}/drift`, { id: d.id });
    expect(drift.status).toBe(200);
    expect(drift.body.nodes[`snk-${flow.sink}`]).toMatchObject({
      status: "drifted",
      connector: { state: expect.any(String) },
      values: [
        { key: "errors.tolerance", design: null, cluster: "all", apply: "change" },
        { key: "file", design: flow.output, cluster: path.join(dir, "elsewhere.txt"), apply: "change" },
      ],
    });
    expect(drift.body.nodes[`src-${flow.source}`]).toMatchObject({ status: "in-sync" });
    // The source's file path is a stored secret: never in the drift answer.
    expect(JSON.stringify(drift.body)).not.toContain(flow.input);
  }, 120_000);

  it("refuses a connector whose plugin the workers lack before anything is written", async () => {
    const { cluster, dir } = await setup();
    const topic = unique("refused");
    const name = unique("t-design-missing");
    const t = topicNode(topic);
    const c = connectorNode("sinkConnector", name, { connectorClass: "com.example.NoSuchSinkConnector", config: { file: path.join(dir, "x.txt") } });
    const d = await makeDesign(cluster.id, { nodes: [t, c], edges: [{ id: "e1", source: t.id, target: c.id }] });
    const plan = await computePlan(d.id);
    expect(plan.plan.connectors![0]).toMatchObject({ status: "refused", refusals: [expect.stringMatching(/have no plugin com\.example\.NoSuchSinkConnector \(installed: .*FileStreamSinkConnector/)] });
    expect(plan.plan.blockingErrors).toEqual([expect.stringMatching(/^connector ".*": The workers of .* have no plugin/)]);

    const refused = await apply(d.id, cluster.id);
    expect(refused).toMatchObject({ ok: false, error: { code: "VALIDATION", message: expect.stringMatching(/no plugin com\.example\.NoSuchSinkConnector/) } });
    expect(await withAdmin((a) => a.listTopics())).not.toContain(topic);
    expect((await connectRest("GET", `/connectors/${name}`)).status).toBe(404);
  }, 60_000);

  it("a connector that fails after apply is reported FAILED with its trace; a missing secret is refused", async () => {
    const { cluster, dir } = await setup();
    const topic = unique("fails");
    const name = unique("t-design-fail");
    const t = topicNode(topic);
    const c = connectorNode("sinkConnector", name, { connectorClass: "FileStreamSink", config: { file: path.join(dir, "missing-dir", "out.txt") } });
    const d = await makeDesign(cluster.id, { nodes: [t, c], edges: [{ id: "e1", source: t.id, target: c.id }] });
    const run = unwrap(await apply(d.id, cluster.id));
    expect(run.status).toBe("partial");
    const step = run.results.find((r) => r.change.kind === "createConnector")!;
    expect(step).toMatchObject({ status: "failed", message: expect.stringMatching(/^task 0 of .* FAILED: .*Couldn't find or create file/) });
    expect(step.trace).toMatch(/ConnectException: Couldn't find or create file .*missing-dir/);
    const recorded = await prisma.applyRun.findUniqueOrThrow({ where: { id: run.runId } });
    expect(recorded.status).toBe("partial");

    await editDesign(d.id, (tp) => ({ ...tp, nodes: tp.nodes.map((n) => (n.kind === "sinkConnector" ? { ...n, data: { ...n.data, config: { ...n.data.config, "errors.deadletterqueue.topic.name": "${secret:not-set}" } } } : n)) }));
    const plan = await computePlan(d.id);
    expect(plan.plan.connectors![0]).toMatchObject({ status: "refused", refusals: [expect.stringMatching(/secret "not-set" is not set for cluster/)] });
  }, 120_000);

  it("import from the cluster brings its connectors in, wired to their topics, secrets as references", async () => {
    const { cluster, connect, dir } = await setup();
    const prefix = unique("imp");
    const topic = `${prefix}.lines`;
    await withAdmin((a) => a.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true }));
    const sink = unique("t-import-sink");
    connectors.push(sink);
    await putConnector(sink, { "connector.class": "FileStreamSink", topics: topic, file: path.join(dir, "imp.txt"), "db.password": "hunter2" });
    await eventually(async () => ((await connectRest("GET", `/connectors/${sink}/status`)).body as { connector?: { state?: string } })?.connector?.state === "RUNNING", "the sink to run");

    const view = unwrap(await importFromClusterAction({ clusterId: cluster.id, name: unique("imported"), prefix }));
    const node = view.topology.nodes.find((n) => n.kind === "sinkConnector")!;
    expect(node.data).toMatchObject({ name: sink, connectCluster: connect.name, connectorClass: "FileStreamSink", config: { file: path.join(dir, "imp.txt"), "db.password": `\${secret:${sink}.db.password}` } });
    expect((node.data as { config: Record<string, string> }).config.topics).toBeUndefined();
    const topicNodeId = view.topology.nodes.find((n) => n.kind === "topic")!.id;
    expect(view.topology.edges).toContainEqual({ id: expect.any(String), source: topicNodeId, target: node.id });
    expect(JSON.stringify(view)).not.toContain("hunter2");

    // Until the secret is set the plan refuses it; once set, the imported design is in sync.
    expect((await computePlan(view.id)).plan.connectors![0].status).toBe("refused");
    unwrap(await setConnectSecretAction({ clusterId: cluster.id, name: `${sink}.db.password`, value: "hunter2" }));
    const plan = await computePlan(view.id);
    expect(plan.plan.changes).toEqual([]);
    expect(plan.plan.connectors![0].status).toBe("in-sync");
  }, 90_000);

});
