// Kafka Connect through Topiary, against the real worker of the test setup (CONNECT_URL) and the real broker.
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { GET as connectClustersRoute } from "@/app/api/clusters/[id]/connect/route";
import { GET as connectorsRoute } from "@/app/api/clusters/[id]/connect/connectors/route";
import { GET as connectorRoute } from "@/app/api/clusters/[id]/connect/[connectId]/connectors/[name]/route";
import { GET as pluginRoute } from "@/app/api/clusters/[id]/connect/[connectId]/plugins/[plugin]/route";
import type { ConfigValidation, ConnectClusterStatus, ConnectorDetail, ConnectorList } from "@/lib/connect/connect-types";
import { SECRET_MASK } from "@/lib/connect/mask-config";
import { unwrap } from "@/lib/errors/action-result";
import {
  createConnectClusterAction,
  createConnectorAction,
  deleteConnectorAction,
  pauseConnectorAction,
  resetConnectorOffsetsAction,
  restartConnectorAction,
  resumeConnectorAction,
  stopConnectorAction,
  updateConnectClusterAction,
  updateConnectorAction,
  validateConnectorAction,
} from "@/server/actions/connect-actions";
import { isSealed } from "@/server/crypto/secret-box";
import { prisma } from "@/server/db/prisma";
import { ALLOW_PRIVATE_ADDRESSES_KEY, setAllowPrivateAddresses } from "@/server/settings/network-policy";
import { makeCluster, unique, withAdmin } from "@/server/test-support/fixtures";
import { callRoute } from "@/server/test-support/topics";
import { connectRest, connectUrl, deleteConnectors, eventually, makeConnectCluster, scratchDir } from "./test-support";

const created: string[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await deleteConnectors(created);
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
afterEach(async () => {
  await prisma.setting.deleteMany({ where: { key: ALLOW_PRIVATE_ADDRESSES_KEY } });
});

async function setup() {
  const cluster = await makeCluster();
  const connect = await makeConnectCluster(cluster.id);
  const dir = scratchDir();
  dirs.push(dir);
  return { cluster, connect, dir, ref: (name: string) => ({ clusterId: cluster.id, connectId: connect.id, name }) };
}

const connectorName = (prefix: string) => {
  const n = unique(`t-${prefix}`);
  created.push(n);
  return n;
};

async function detail(clusterId: string, connectId: string, name: string) {
  const r = await callRoute<ConnectorDetail>(connectorRoute, `/api/clusters/${clusterId}/connect/${connectId}/connectors/${encodeURIComponent(name)}`, { id: clusterId, connectId, name: encodeURIComponent(name) });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

const running = (d: ConnectorDetail) => d.state === "RUNNING" && d.tasks.length > 0 && d.tasks.every((t) => t.state === "RUNNING");

describe("Connect clusters", () => {
  it("the overview shows each Connect cluster's version, commit and plugins; a dead URL says why", async () => {
    const { cluster, connect } = await setup();
    const dead = await prisma.connectCluster.create({ data: { clusterId: cluster.id, name: "dead", url: "http://127.0.0.1:9" } });
    const r = await callRoute<ConnectClusterStatus[]>(connectClustersRoute, `/api/clusters/${cluster.id}/connect`, { id: cluster.id });
    expect(r.status).toBe(200);
    const live = r.body.find((c) => c.id === connect.id)!;
    expect(live.info?.version).toBe("4.1.1");
    expect(live.info?.commit).toMatch(/^[0-9a-f]{16}$/);
    expect(live.otherKafkaCluster).toBe(false);
    expect(live.info?.plugins.map((p) => p.className)).toEqual(
      expect.arrayContaining(["org.apache.kafka.connect.file.FileStreamSinkConnector", "org.apache.kafka.connect.file.FileStreamSourceConnector", "org.apache.kafka.connect.mirror.MirrorSourceConnector"]),
    );
    const down = r.body.find((c) => c.id === dead.id)!;
    expect(down.info).toBeNull();
    expect(down.error).toMatch(/Kafka Connect "dead": .*connection refused/);
  });

  it("basic auth: the password is sealed in the store, never in the view; blank keeps it", async () => {
    const cluster = await makeCluster();
    const view = unwrap(await createConnectClusterAction({ clusterId: cluster.id, name: "secured", url: `${connectUrl()}/`, username: "ops", password: "s3cret-pw" }));
    expect(view).toEqual({ id: expect.any(String), clusterId: cluster.id, name: "secured", url: connectUrl(), username: "ops", hasPassword: true });
    expect(JSON.stringify(view)).not.toContain("s3cret-pw");
    const row = await prisma.connectCluster.findUniqueOrThrow({ where: { id: view.id } });
    expect(isSealed(row.password!)).toBe(true);
    unwrap(await updateConnectClusterAction({ clusterId: cluster.id, connectId: view.id, name: "secured", url: connectUrl(), username: "ops" }));
    expect((await prisma.connectCluster.findUniqueOrThrow({ where: { id: view.id } })).password).toBe(row.password);
    const audit = await prisma.auditRecord.findMany({ where: { clusterId: cluster.id, action: { startsWith: "connect.cluster." } } });
    expect(audit.map((a) => a.action).sort()).toEqual(["connect.cluster.create", "connect.cluster.update"]);
    expect(JSON.stringify(audit)).not.toContain("s3cret-pw");
  });

  it("the network policy refuses a private Connect URL when saved and at connect time", async () => {
    const { cluster, connect, ref } = await setup();
    await setAllowPrivateAddresses(false);
    const saved = await createConnectClusterAction({ clusterId: cluster.id, name: "nope", url: connectUrl() });
    expect(saved).toMatchObject({ ok: false, error: { code: "VALIDATION", fieldErrors: { url: expect.stringMatching(/127\.0\.0\.1 is a loopback address/) } } });

    // The one saved while private addresses were allowed is refused as each call opens.
    const list = await callRoute<{ error: { message: string } }>(connectorsRoute, `/api/clusters/${cluster.id}/connect/connectors`, { id: cluster.id });
    expect(list.status).toBe(200);
    expect((list.body as unknown as ConnectorList).unreachable[0].error).toMatch(/refused by the network policy: 127\.0\.0\.1 is a loopback address/);
    const paused = await pauseConnectorAction(ref("anything"));
    expect(paused).toMatchObject({ ok: false, error: { code: "KAFKA_UNREACHABLE", message: expect.stringMatching(/refused by the network policy/) } });
    const plugin = await callRoute<{ error: { message: string } }>(pluginRoute, `/api/clusters/${cluster.id}/connect/${connect.id}/plugins/FileStreamSource`, { id: cluster.id, connectId: connect.id, plugin: "FileStreamSource" });
    expect(plugin.status).toBe(502);
    expect(plugin.body.error.message).toMatch(/refused by the network policy/);
  });
});

describe("connectors", () => {
  it("a FileStreamSource writes a file's lines to a topic and a FileStreamSink writes them to another file", async () => {
    const { cluster, connect, dir, ref } = await setup();
    const topic = unique("connect-lines");
    await withAdmin((a) => a.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true }));
    const input = path.join(dir, "in.txt");
    const output = path.join(dir, "out.txt");
    const lines = ["first line", '{"order": 42, "total": 9.5}', "ünïcødé ✓", "last"];
    fs.writeFileSync(input, lines.map((l) => `${l}\n`).join(""));

    const source = connectorName("src");
    const sink = connectorName("sink");
    expect(unwrap(await createConnectorAction({ ...ref(source), mode: "create", config: { "connector.class": "FileStreamSource", file: input, topic } }))).toMatchObject({ created: true, type: "source" });
    expect(unwrap(await createConnectorAction({ ...ref(sink), mode: "create", config: { "connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector", file: output, topics: topic } }))).toMatchObject({
      created: true,
      type: "sink",
    });

    await eventually(async () => fs.existsSync(output) && fs.readFileSync(output, "utf8") === fs.readFileSync(input, "utf8"), "the sink's file to equal the source's", 45_000);

    const list = await callRoute<ConnectorList>(connectorsRoute, `/api/clusters/${cluster.id}/connect/connectors`, { id: cluster.id });
    const rows = list.body.connectors.filter((c) => c.connectId === connect.id && (c.name === source || c.name === sink));
    expect(rows.map((r) => [r.name, r.type, r.className, r.state, r.tasks.running, r.topics]).sort()).toEqual(
      [
        [sink, "sink", "org.apache.kafka.connect.file.FileStreamSinkConnector", "RUNNING", 1, [topic]],
        [source, "source", "FileStreamSource", "RUNNING", 1, [topic]],
      ].sort(),
    );

    // The source's offset is the byte position it read to; the sink's is its topic partition's next offset.
    // Offsets are committed every second (offset.flush.interval.ms): wait for the one after the last line.
    // FileStreamSource counts its position in Java chars (UTF-16 units, as a JS string's length), not bytes.
    const size = fs.readFileSync(input, "utf8").length;
    const src = await eventually(async () => {
      const d = await detail(cluster.id, connect.id, source);
      return d.offsets.ok && d.offsets.entries[0]?.offset?.position === size ? d : undefined;
    }, "the source's offset at the end of the file");
    expect(src.offsets).toEqual({ ok: true, entries: [{ partition: { filename: input }, offset: { position: size } }] });
    const snk = await eventually(async () => {
      const d = await detail(cluster.id, connect.id, sink);
      return d.offsets.ok && d.offsets.entries[0]?.offset?.kafka_offset === lines.length ? d : undefined;
    }, "the sink's offset after the last record");
    expect(snk.offsets).toEqual({ ok: true, entries: [{ partition: { kafka_topic: topic, kafka_partition: 0 }, offset: { kafka_offset: lines.length } }] });

    const audit = await prisma.auditRecord.findMany({ where: { clusterId: cluster.id, action: "connector.create" } });
    expect(audit.map((a) => [a.target, a.outcome]).sort()).toEqual([
      [sink, "succeeded"],
      [source, "succeeded"],
    ].sort());
  }, 90_000);

  it("a bad config gets Connect's error under each field, from validation and when saving; nothing is created", async () => {
    const { ref } = await setup();
    const name = connectorName("bad");
    const config = { "connector.class": "FileStreamSource", "tasks.max": "0", "batch.size": "lots" };
    const v: ConfigValidation = unwrap(await validateConnectorAction({ clusterId: ref(name).clusterId, connectId: ref(name).connectId, config, name }));
    const errors = Object.fromEntries(v.keys.filter((k) => k.errors.length).map((k) => [k.definition.name, k.errors]));
    expect(errors).toEqual({
      "tasks.max": ["Invalid value 0 for configuration tasks.max: Value must be at least 1"],
      topic: ['Missing required configuration "topic" which has no default value.'],
      "batch.size": ["Invalid value lots for configuration batch.size: Not a number of type INT"],
    });
    expect(v.groups[0]).toBe("Common");
    const topicKey = v.keys.find((k) => k.definition.name === "topic")!;
    expect(topicKey.definition).toMatchObject({ type: "STRING", required: true, documentation: "The topic to publish data to" });

    const saved = await createConnectorAction({ ...ref(name), mode: "create", config });
    expect(saved).toMatchObject({
      ok: false,
      error: { code: "VALIDATION", message: expect.stringMatching(/found 3 errors/), fieldErrors: { "tasks.max": expect.stringMatching(/at least 1/), topic: expect.stringMatching(/Missing required/), "batch.size": expect.stringMatching(/INT/) } },
    });
    expect((await connectRest("GET", `/connectors/${name}`)).status).toBe(404);

    const missing = await validateConnectorAction({ clusterId: ref(name).clusterId, connectId: ref(name).connectId, config: { "connector.class": "com.example.JdbcSourceConnector" } });
    expect(missing).toMatchObject({ ok: false, error: { code: "VALIDATION", fieldErrors: { "connector.class": expect.stringMatching(/have no plugin com\.example\.JdbcSourceConnector \(installed: .*FileStreamSinkConnector/) } } });
  });

  it("a task that fails shows FAILED with its trace; restart-failed restarts only it and brings it back once the cause is gone", async () => {
    const { cluster, connect, dir, ref } = await setup();
    const topic = unique("connect-fail");
    await withAdmin((a) => a.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true }));
    const missingDir = path.join(dir, "not-yet");
    const name = connectorName("fail");
    unwrap(await createConnectorAction({ ...ref(name), mode: "create", config: { "connector.class": "FileStreamSink", file: path.join(missingDir, "out.txt"), topics: topic } }));

    const failed = await eventually(async () => {
      const d = await detail(cluster.id, connect.id, name);
      return d.tasks[0]?.state === "FAILED" ? d : undefined;
    }, "the task to fail");
    expect(failed.state).toBe("RUNNING");
    expect(failed.trace).toBeNull();
    expect(failed.tasks[0].workerId).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(failed.tasks[0].trace).toMatch(/ConnectException: Couldn't find or create file .*not-yet/);
    const list = await callRoute<ConnectorList>(connectorsRoute, `/api/clusters/${cluster.id}/connect/connectors`, { id: cluster.id });
    expect(list.body.connectors.find((c) => c.name === name)?.tasks).toEqual({ total: 1, running: 0, failed: 1, paused: 0, other: 0 });

    fs.mkdirSync(missingDir);
    const restarted = unwrap(await restartConnectorAction({ ...ref(name), includeTasks: true, onlyFailed: true }));
    // KIP-745: only the failed task was restarted, not the running connector.
    expect(restarted).toEqual({ connector: false, tasks: [0], state: "RUNNING" });
    await eventually(async () => running(await detail(cluster.id, connect.id, name)), "the task to run again");
    const audit = await prisma.auditRecord.findFirst({ where: { clusterId: cluster.id, action: "connector.restart" } });
    expect(audit).toMatchObject({ target: `${name}: restarted task 0`, outcome: "succeeded" });

    // Nothing failed now: the same call restarts nothing, and says so.
    expect(unwrap(await restartConnectorAction({ ...ref(name), includeTasks: true, onlyFailed: true }))).toEqual({ connector: false, tasks: [], state: "RUNNING" });
  }, 90_000);

  it("pause, resume, stop; offsets reset only when STOPPED (Connect's message otherwise); delete needs the name typed", async () => {
    const { cluster, connect, dir, ref } = await setup();
    const input = path.join(dir, "in.txt");
    fs.writeFileSync(input, "a\nb\nc\n");
    const topic = unique("connect-ops");
    const name = connectorName("ops");
    unwrap(await createConnectorAction({ ...ref(name), mode: "create", config: { "connector.class": "FileStreamSource", file: input, topic } }));
    await eventually(async () => {
      const d = await detail(cluster.id, connect.id, name);
      return running(d) && d.offsets.ok && d.offsets.entries.length > 0;
    }, "the source to run and commit an offset");

    unwrap(await pauseConnectorAction(ref(name)));
    await eventually(async () => (await detail(cluster.id, connect.id, name)).state === "PAUSED", "PAUSED");
    unwrap(await resumeConnectorAction(ref(name)));
    await eventually(async () => running(await detail(cluster.id, connect.id, name)), "RUNNING again");

    const early = await resetConnectorOffsetsAction(ref(name));
    expect(early).toMatchObject({ ok: false, error: { code: "VALIDATION", message: expect.stringMatching(/must be in the STOPPED state before their offsets can be modified/) } });

    // Wait for the offset of the whole file (3 lines, 6 bytes) before stopping.
    await eventually(async () => {
      const d = await detail(cluster.id, connect.id, name);
      return d.offsets.ok && d.offsets.entries[0]?.offset?.position === 6;
    }, "the offset at the end of the file");
    unwrap(await stopConnectorAction(ref(name)));
    const stopped = await eventually(async () => {
      const d = await detail(cluster.id, connect.id, name);
      return d.state === "STOPPED" && d.tasks.length === 0 ? d : undefined;
    }, "STOPPED without tasks");
    expect(stopped.tasks).toEqual([]);
    expect(stopped.offsets).toMatchObject({ ok: true, entries: [{ offset: { position: 6 } }] });
    expect(unwrap(await resetConnectorOffsetsAction(ref(name)))).toEqual({ message: "The offsets for this connector have been reset successfully" });
    expect((await detail(cluster.id, connect.id, name)).offsets).toEqual({ ok: true, entries: [] });

    // Resumed from no offset, the source reads the file again from the start: the topic has every line twice.
    unwrap(await resumeConnectorAction(ref(name)));
    await eventually(async () => {
      const d = await detail(cluster.id, connect.id, name);
      return running(d) && d.offsets.ok && d.offsets.entries.length > 0;
    }, "RUNNING after the reset");
    const ends = await eventually(async () => {
      const o = await withAdmin((a) => a.fetchTopicOffsets(topic));
      return o[0].high === "6" ? o : undefined;
    }, "6 records in the topic");
    expect(ends[0].high).toBe("6");

    expect(await deleteConnectorAction({ ...ref(name), confirmName: "wrong" })).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    expect((await connectRest("GET", `/connectors/${name}`)).status).toBe(200);
    unwrap(await deleteConnectorAction({ ...ref(name), confirmName: name }));
    expect((await connectRest("GET", `/connectors/${name}`)).status).toBe(404);
    const gone = await callRoute<{ error: { code: string; message: string } }>(connectorRoute, `/api/clusters/${cluster.id}/connect/${connect.id}/connectors/${name}`, { id: cluster.id, connectId: connect.id, name });
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toBe(`Kafka Connect "${connect.name}": Connector ${name} not found`);
    // Operations on it now get Connect's own 404 message.
    expect(await pauseConnectorAction(ref(name))).toMatchObject({ ok: false, error: { code: "NOT_FOUND", message: `Kafka Connect "${connect.name}": Unknown connector ${name}` } });
  }, 120_000);

  it("secrets are masked on the page, kept when an edit leaves the mask, and never echoed by validation", async () => {
    const { cluster, connect, dir, ref } = await setup();
    const name = connectorName("secret");
    const config = { "connector.class": "FileStreamSource", file: path.join(dir, "in.txt"), topic: unique("connect-secret"), "db.password": "hunter2-secret", "api.key": "k-123456" };
    unwrap(await createConnectorAction({ ...ref(name), mode: "create", config }));
    const d = await detail(cluster.id, connect.id, name);
    expect(d.config["db.password"]).toBe(SECRET_MASK);
    expect(d.config["api.key"]).toBe(SECRET_MASK);
    expect(d.maskedKeys.sort()).toEqual(["api.key", "db.password"]);
    expect(JSON.stringify(d)).not.toContain("hunter2");

    // Edit: change the topic and the API key, leave the password masked.
    const edited = { ...d.config, topic: `${config.topic}-2`, "api.key": "k-654321" };
    const v: ConfigValidation = unwrap(await validateConnectorAction({ clusterId: cluster.id, connectId: connect.id, config: edited, name }));
    expect(v.errorCount).toBe(0);
    expect(JSON.stringify(v)).not.toContain("hunter2");
    expect(JSON.stringify(v)).not.toContain("k-654321");
    expect(unwrap(await updateConnectorAction({ ...ref(name), mode: "update", config: edited }))).toMatchObject({ created: false });
    const stored = (await connectRest("GET", `/connectors/${name}/config`)).body as Record<string, string>;
    expect(stored).toMatchObject({ "db.password": "hunter2-secret", "api.key": "k-654321", topic: `${config.topic}-2` });

    // Creating under a name that exists is refused, and updating one that does not.
    expect(await createConnectorAction({ ...ref(name), mode: "create", config })).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(await updateConnectorAction({ ...ref(unique("t-none")), mode: "update", config })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  }, 60_000);

  it("a read-only cluster refuses connector changes but shows its connectors", async () => {
    const cluster = await makeCluster({ readOnly: true });
    const connect = await makeConnectCluster(cluster.id);
    const r = await createConnectorAction({ clusterId: cluster.id, connectId: connect.id, name: unique("t-ro"), mode: "create", config: { "connector.class": "FileStreamSource", topic: "x" } });
    expect(r).toMatchObject({ ok: false, error: { code: "READ_ONLY" } });
    const list = await callRoute<ConnectorList>(connectorsRoute, `/api/clusters/${cluster.id}/connect/connectors`, { id: cluster.id });
    expect(list.status).toBe(200);
    expect(list.body.unreachable).toEqual([]);
  });
});
