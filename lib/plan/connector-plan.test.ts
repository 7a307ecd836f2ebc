import { describe, expect, it } from "vitest";
import { SECRET_MASK } from "../connect/mask-config";
import { connectorDriftByNode } from "./connector-drift";
import { planConnectors, withConnectorPlan } from "./connector-plan";
import type { ConnectLive, DesiredConnector } from "./connector-plan-types";
import type { Plan } from "./plan-types";

const plain = (v: string) => ({ value: v, shown: v, secret: false });
const desired = (over: Partial<DesiredConnector> = {}): DesiredConnector => ({
  nodeId: "n1",
  name: "orders-sink",
  connect: "main",
  type: "sink",
  className: "FileStreamSink",
  config: { "connector.class": plain("FileStreamSink"), topics: plain("orders"), file: plain("/out"), "db.password": { value: "hunter2", shown: "${secret:db}", secret: true } },
  deleteOnApply: false,
  refusals: [],
  ...over,
});
const plugins = [
  { className: "org.apache.kafka.connect.file.FileStreamSinkConnector", type: "sink" as const, version: "4.1.1" },
  { className: "org.apache.kafka.connect.file.FileStreamSourceConnector", type: "source" as const, version: "4.1.1" },
];
const connect = (connectors: ConnectLive["connectors"] = [], over: Partial<ConnectLive> = {}): ConnectLive => ({ name: "main", error: null, plugins, connectors, ...over });
const live = (config: Record<string, string>, over = {}) => ({ name: "orders-sink", type: "sink" as const, config: { name: "orders-sink", ...config }, state: "RUNNING" as const, passwordKeys: [], ...over });
const none = new Map<string, string[]>();
const plan: Plan = { topics: [], unmanaged: [], changes: [{ kind: "createTopic", topic: "orders", partitions: 1, replicationFactor: 1, configs: {} }], deletions: [], blockingErrors: [], hash: "0123456789abcdef" };

describe("planning connectors", () => {
  it("creates a missing connector with every key, secrets as their references", () => {
    const part = planConnectors({ desired: [desired()], connects: [connect()], nodeErrors: none });
    expect(part.connectors[0]).toMatchObject({ status: "create", state: null });
    expect(part.changes).toEqual([
      {
        kind: "createConnector",
        nodeId: "n1",
        connector: "orders-sink",
        connect: "main",
        className: "FileStreamSink",
        keys: [
          { key: "connector.class", before: null, after: "FileStreamSink" },
          { key: "db.password", before: null, after: "${secret:db}" },
          { key: "file", before: null, after: "/out" },
          { key: "topics", before: null, after: "orders" },
        ],
      },
    ]);
    expect(JSON.stringify(part)).not.toContain("hunter2");
  });

  it("is in sync when Connect holds the same values (its own `name` aside); changed keys go before → after, secrets masked", () => {
    const same = live({ "connector.class": "FileStreamSink", topics: "orders", file: "/out", "db.password": "hunter2" });
    const inSync = planConnectors({ desired: [desired()], connects: [connect([same])], nodeErrors: none });
    expect(inSync.connectors[0].status).toBe("in-sync");
    expect(inSync.changes).toEqual([]);

    const drifted = live({ "connector.class": "FileStreamSink", topics: "orders", file: "/elsewhere", "db.password": "changed", "errors.tolerance": "all" });
    const part = planConnectors({ desired: [desired()], connects: [connect([drifted])], nodeErrors: none });
    expect(part.changes[0]).toMatchObject({
      kind: "updateConnector",
      keys: [
        { key: "db.password", before: SECRET_MASK, after: "${secret:db}" },
        { key: "errors.tolerance", before: "all", after: null },
        { key: "file", before: "/elsewhere", after: "/out" },
      ],
    });
    expect(JSON.stringify(part)).not.toContain("changed");
    expect(part.hash).not.toBe(inSync.hash);
    // A plugin's PASSWORD key is masked whatever its name.
    const pw = planConnectors({ desired: [desired({ config: { ...desired().config, "conn.key": plain("${x}") } })], connects: [connect([live({ "conn.key": "s3cr3t" }, { passwordKeys: ["conn.key"] })])], nodeErrors: none });
    expect(pw.changes[0].kind === "updateConnector" && pw.changes[0].keys.find((k) => k.key === "conn.key")).toEqual({ key: "conn.key", before: SECRET_MASK, after: "${x}" });
  });

  it("deletes only a connector marked for deletion; others on the Connect cluster are listed, never touched", () => {
    const part = planConnectors({ desired: [desired({ deleteOnApply: true })], connects: [connect([live({}), live({}, { name: "someone-elses" })])], nodeErrors: none });
    expect(part.changes).toEqual([{ kind: "deleteConnector", nodeId: "n1", connector: "orders-sink", connect: "main" }]);
    expect(part.deletions).toEqual(["orders-sink"]);
    expect(part.unmanaged).toEqual([{ connect: "main", name: "someone-elses" }]);
    const gone = planConnectors({ desired: [desired({ deleteOnApply: true })], connects: [connect()], nodeErrors: none });
    expect(gone.connectors[0]).toMatchObject({ status: "in-sync", warnings: [expect.stringMatching(/nothing to do/)] });
  });

  it("refuses a missing plugin, a plugin of the other type, an unreachable or unknown Connect cluster, Connect's validation errors; design errors make it invalid", () => {
    const refusal = (d: DesiredConnector, c: ConnectLive[] = [connect()], validation?: Map<string, string[]>) => planConnectors({ desired: [d], connects: c, nodeErrors: none, validation }).connectors[0];
    expect(refusal(desired({ className: "com.example.Nope" }))).toMatchObject({ status: "refused", refusals: [expect.stringMatching(/have no plugin com\.example\.Nope \(installed: .*FileStreamSinkConnector/)] });
    expect(refusal(desired({ className: "FileStreamSource" })).refusals).toEqual(["FileStreamSource is a source plugin: draw it as a source connector"]);
    expect(refusal(desired(), [connect([], { error: 'Kafka Connect "main": connection refused' })]).refusals).toEqual(['Kafka Connect "main": connection refused']);
    expect(refusal(desired({ connect: "other" })).refusals).toEqual(['No Kafka Connect cluster named "other"']);
    expect(refusal(desired({ refusals: ['file: secret "x" is not set'] })).refusals).toEqual(['file: secret "x" is not set']);
    expect(refusal(desired(), undefined, new Map([["n1", ["file: Invalid value"]]])).refusals).toEqual(["Kafka Connect: file: Invalid value"]);
    expect(planConnectors({ desired: [desired()], connects: [connect()], nodeErrors: new Map([["n1", ["bad name"]]]) }).connectors[0]).toMatchObject({ status: "invalid", refusals: ["bad name"] });
  });

  it("joins the plan: connector changes after the topics', refusals blocking, one hash; deletions first among connectors", () => {
    const part = planConnectors({
      desired: [desired(), desired({ nodeId: "n2", name: "old", deleteOnApply: true }), desired({ nodeId: "n3", name: "bad", className: "Nope" })],
      connects: [connect([live({}, { name: "old" })])],
      nodeErrors: none,
    });
    const joined = withConnectorPlan(plan, part);
    expect(joined.changes.map((c) => c.kind)).toEqual(["createTopic", "deleteConnector", "createConnector"]);
    expect(joined.blockingErrors).toEqual([expect.stringMatching(/^connector "bad": The workers of "main" have no plugin Nope/)]);
    expect(joined.connectorDeletions).toEqual(["old"]);
    expect(joined.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(joined.hash).not.toBe(plan.hash);
    expect(withConnectorPlan(plan, null)).toBe(plan);
  });

  it("drift per connector node: changed keys with both values, its state", () => {
    const drifted = live({ "connector.class": "FileStreamSink", topics: "orders", file: "/elsewhere", "db.password": "hunter2" }, { state: "PAUSED" });
    const joined = withConnectorPlan(plan, planConnectors({ desired: [desired()], connects: [connect([drifted])], nodeErrors: none }));
    expect(connectorDriftByNode(joined)).toEqual({
      n1: { status: "drifted", details: ["file: /elsewhere → /out"], values: [{ key: "file", design: "/out", cluster: "/elsewhere", apply: "change" }], connector: { connect: "main", state: "PAUSED" } },
    });
  });
});
