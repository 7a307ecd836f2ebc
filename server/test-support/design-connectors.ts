// Helpers for the integration tests of connectors in designs (never imported by the app): connector nodes, a
// file → topic → file flow whose source file is a stored secret, plan-then-apply, and clean-up of what they made.
import fs from "node:fs";
import path from "node:path";
import { defaultNodeData, type DesignNode, type Topology } from "@/lib/designs/design-schema";
import { unwrap } from "@/lib/errors/action-result";
import { setConnectSecretAction } from "@/server/actions/connect-secret-actions";
import { applyPlanAction } from "@/server/actions/plan-actions";
import { deleteConnectors, makeConnectCluster, scratchDir } from "@/server/connect/test-support";
import { computePlan } from "@/server/plan/compute-plan";
import { topicNode } from "./designs";
import { makeCluster, unique } from "./fixtures";

/** One test file's connectors and folders, removed by `cleanup` (call it in afterAll). */
export function connectorTestKit() {
  const connectors: string[] = [];
  const dirs: string[] = [];

  function connectorNode(kind: "sourceConnector" | "sinkConnector", name: string, data: Partial<Extract<DesignNode, { kind: "sourceConnector" }>["data"]>): DesignNode {
    connectors.push(name);
    return { id: `${kind === "sourceConnector" ? "src" : "snk"}-${name}`, kind, data: { ...defaultNodeData(kind), name, ...data } };
  }

  /** A cluster on the test broker with the test worker as its Connect cluster, and a scratch folder. */
  async function setup() {
    const cluster = await makeCluster();
    const connect = await makeConnectCluster(cluster.id);
    const dir = scratchDir();
    dirs.push(dir);
    return { cluster, connect, dir };
  }

  /** Plans the design and applies that plan. */
  async function apply(designId: string, clusterId: string, extra: { confirmConnectorDeletions?: string[] } = {}) {
    const view = await computePlan(designId);
    return applyPlanAction({ designId, clusterId, planHash: view.plan.hash, confirmDeletions: [], ...extra });
  }

  /** A file → topic → file flow: a FileStreamSource whose file path is a stored secret, a topic, a FileStreamSink. */
  async function fileFlow(clusterId: string, dir: string): Promise<{ topology: Topology; input: string; output: string; topic: string; source: string; sink: string }> {
    const input = path.join(dir, "in.txt");
    const output = path.join(dir, "out.txt");
    fs.writeFileSync(input, ["one", '{"order": 7}', "ünïcødé ✓", "last line"].map((l) => `${l}\n`).join(""));
    const secret = unique("in-file");
    unwrap(await setConnectSecretAction({ clusterId, name: secret, value: input }));
    const topic = unique("flow");
    const source = unique("t-design-src");
    const sink = unique("t-design-sink");
    const t = topicNode(topic);
    const src = connectorNode("sourceConnector", source, { connectorClass: "FileStreamSource", config: { file: `\${secret:${secret}}`, "batch.size": "100" } });
    const snk = connectorNode("sinkConnector", sink, { connectorClass: "org.apache.kafka.connect.file.FileStreamSinkConnector", config: { file: output } });
    return {
      topology: { nodes: [src, t, snk], edges: [{ id: "e1", source: src.id, target: t.id }, { id: "e2", source: t.id, target: snk.id }] },
      input,
      output,
      topic,
      source,
      sink,
    };
  }

  async function cleanup() {
    await deleteConnectors(connectors);
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }

  return { connectors, connectorNode, setup, apply, fileFlow, cleanup };
}
