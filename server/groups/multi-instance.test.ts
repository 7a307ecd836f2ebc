// Two console instances on one store and one broker, each a real server process (server/start-server.ts in a child
// process: its sampler loop, alert engine, webhook delivery and signal handling), against the real broker and the
// store of this run (SQLite or PostgreSQL): only one samples; SIGKILL it and the other takes over within two
// intervals, continuing its windows; an alert fires once; a design saved through one is seen by the other's live
// view; SIGTERM hands the lease over at once; a restart of both keeps a 10-minute condition's start time.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { defaultNodeData, type Topology } from "@/lib/designs/design-schema";
import type { DesignHead } from "@/lib/designs/design-views";
import type { DesignLiveAnswer } from "@/lib/groups/design-live";
import type { GroupListAnswer } from "@/lib/groups/group-views";
import { PrismaClient } from "@/prisma/generated/client";
import { PrismaClient as PostgresClient } from "@/prisma/generated-pg/client";
import type { Readiness } from "@/server/health/readiness";
import { waitUntil } from "@/server/kafka/wait-until";
import { startConsoleProcess, type ConsoleProcess } from "@/server/test-support/console-process";
import { brokers, unique, withAdmin } from "@/server/test-support/fixtures";
import { produce } from "@/server/test-support/topics";
import { workerStore } from "@/scripts/test/test-store";

const INTERVAL = 2000;
const env = () => ({
  DATABASE_URL: url,
  KAFKA_BROKERS: brokers(),
  TOPIARY_LAG_INTERVAL_MS: String(INTERVAL),
  TOPIARY_LOG_LEVEL: process.env.HA_LOG_LEVEL ?? "warn",
  TOPIARY_WEBHOOK_BACKOFF_MS: "20",
  AUTH_DISABLED: "true",
});

let url = "";
let db: PrismaClient;
const processes: ConsoleProcess[] = [];
const topic = unique("ha-topic");
const group = unique("ha-group");
const hits: { at: number; body: { state: string; group: string } }[] = [];
let receiver: http.Server;
let hookUrl = "";
let clusterId = "";
let lagRuleId = "";
let longRuleId = "";
let leader: ConsoleProcess;
let follower: ConsoleProcess;
let longSince = 0;

/** A client of this test's own store (the instances share it; the test reads what they wrote). */
function storeClient(u: string): PrismaClient {
  return u.startsWith("postgres") ? (new PostgresClient({ adapter: new PrismaPg({ connectionString: u }) }) as unknown as PrismaClient) : new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: u }) });
}

/** What the test asks the instances for. */
const PRELOAD = [
  "/server/actions/alert-actions.ts",
  "/server/actions/design-actions.ts",
  "/app/api/clusters/[id]/groups/route.ts",
  "/app/api/designs/[id]/live/route.ts",
  "/app/api/designs/[id]/head/route.ts",
  "/app/api/health/ready/route.ts",
];

async function start(): Promise<ConsoleProcess> {
  const p = await startConsoleProcess(env(), PRELOAD);
  processes.push(p);
  return p;
}

const until = async (what: string, check: () => Promise<boolean> | boolean, ms = 30_000) => {
  if (!(await waitUntil(async () => check(), ms, 50))) throw new Error(`timed out waiting for ${what}\n${processes.map((p) => p.output().slice(-2000)).join("\n---\n")}`);
};

/** When each round sampled our group (its points' times), oldest first. */
async function rounds(): Promise<number[]> {
  const points = await db.lagPoint.findMany({ where: { series: { clusterId, groupId: group } }, select: { at: true }, orderBy: { at: "asc" } });
  return [...new Set(points.map((p) => p.at.getTime()))];
}

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]);
const lease = () => db.samplerLease.findUniqueOrThrow({ where: { clusterId } });
const events = () => db.alertEvent.findMany({ where: { clusterId }, include: { deliveries: true }, orderBy: { firedAt: "asc" } });

beforeAll(async () => {
  url = await workerStore(inject("templateDb"), `ha${process.pid}`);
  db = storeClient(url);
  await withAdmin((a) => a.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true }));
  await produce(topic, 0, 10);
  // A group with no members committed at 2 of 10: lag 8.
  await withAdmin((a) => a.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: "2" }] }));
  receiver = http.createServer((req, res) => {
    let text = "";
    req.on("data", (c) => (text += c));
    req.on("end", () => {
      hits.push({ at: Date.now(), body: JSON.parse(text) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
}, 120_000);

afterAll(async () => {
  for (const p of processes) p.kill("SIGKILL");
  await Promise.all(processes.map((p) => p.exited));
  await db?.$disconnect();
  await new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r()));
  await withAdmin((a) => a.deleteTopics({ topics: [topic] })).catch(() => {});
});

describe("two console instances on one store and one broker", { timeout: 180_000 }, () => {
  it("only one samples each cluster; the other serves the groups pages from what the leader stored", async () => {
    const a = await start();
    // The first start adds the cluster "local" (the test broker); the second finds it.
    await until("the cluster local", async () => !!(await db.cluster.findUnique({ where: { name: "local" } })));
    clusterId = (await db.cluster.findUniqueOrThrow({ where: { name: "local" } })).id;
    const b = await start();
    const { id: lag } = await b.call<{ data: { id: string } }>("/server/actions/alert-actions.ts", "createAlertRuleAction", {
      clusterId,
      name: "behind",
      groupId: group,
      kind: "lag",
      lagAbove: 5,
      forMinutes: 0,
      webhookUrl: hookUrl,
    }).then((r) => r.data);
    lagRuleId = lag;
    longRuleId = (
      await a.call<{ data: { id: string } }>("/server/actions/alert-actions.ts", "createAlertRuleAction", { clusterId, name: "behind for long", groupId: group, kind: "lag", lagAbove: 5, forMinutes: 10 })
    ).data.id;

    await until("four rounds", async () => (await rounds()).length >= 4);
    const holder = (await lease()).holder;
    expect([a.instance, b.instance]).toContain(holder);
    [leader, follower] = holder === a.instance ? [a, b] : [b, a];
    // Every round by the leader, one at a time: spaced by the interval, never two in one.
    const times = await rounds();
    if (process.env.HA_LOG_LEVEL) console.log(gaps(times), a.output(), b.output());
    for (const gap of gaps(times)) {
      expect(gap).toBeGreaterThanOrEqual(INTERVAL * 0.5);
      expect(gap).toBeLessThanOrEqual(2 * INTERVAL);
    }
    expect((await db.lagSamplerState.findUniqueOrThrow({ where: { clusterId } })).holder).toBe(leader.instance);

    // The follower's groups page: the leader's stored sample, current.
    const list = await follower.route<GroupListAnswer>("/app/api/clusters/[id]/groups/route.ts", `/api/clusters/${clusterId}/groups?q=${group}`, { id: clusterId });
    expect(list.status).toBe(200);
    expect(list.body.groups).toEqual([expect.objectContaining({ groupId: group, totalLag: 8, state: "Empty" })]);
    expect(list.body.health.state).toBe("current");

    // Readiness on each: who samples, how old the last sample is.
    const ready = async (p: ConsoleProcess) => (await p.route<Readiness>("/app/api/health/ready/route.ts", "/api/health/ready")).body;
    const [onLeader, onFollower] = [await ready(leader), await ready(follower)];
    expect(onLeader).toMatchObject({ ready: true, instance: leader.instance, store: { ok: true } });
    expect(onLeader.clusters).toEqual([expect.objectContaining({ id: clusterId, sampler: "this instance", state: "current" })]);
    expect(onFollower.clusters).toEqual([expect.objectContaining({ id: clusterId, sampler: "another instance", state: "current" })]);
  });

  it("an alert rule fires exactly once across both, and its webhook is POSTed once", async () => {
    await until("the alert", async () => (await events()).length > 0 && hits.length > 0);
    const start = (await rounds()).length;
    await until("three more rounds", async () => (await rounds()).length >= start + 3);
    const all = await events();
    expect(all).toEqual([expect.objectContaining({ ruleId: lagRuleId, groupId: group, state: "firing", message: "lag 8 above 5" })]);
    expect(all[0].deliveries).toEqual([expect.objectContaining({ status: "delivered", attempts: 1, claimedBy: null })]);
    expect(hits.map((h) => h.body.state)).toEqual(["firing"]);
    // The 10-minute rule's condition holds, in the store, since the first sample that saw it.
    const long = await db.alertCondition.findUniqueOrThrow({ where: { ruleId_groupId: { ruleId: longRuleId, groupId: group } } });
    longSince = long.since.getTime();
    expect(await rounds()).toContain(longSince);
  });

  it("a design saved through one instance is seen by the other's live view", async () => {
    const topology: Topology = {
      nodes: [
        { id: "t", kind: "topic", data: { ...defaultNodeData("topic"), name: topic } },
        { id: "g", kind: "consumerGroup", data: { ...defaultNodeData("consumerGroup"), groupId: group } },
      ],
      edges: [{ id: "e", source: "t", target: "g" }],
    } as Topology;
    const created = await leader.call<{ ok: boolean; data: { id: string; version: number } }>("/server/actions/design-actions.ts", "createDesignAction", {
      name: unique("ha design"),
      from: { kind: "topology", topology },
      clusterId,
    });
    expect(created.ok).toBe(true);
    const id = created.data.id;
    const live = async () => (await follower.route<DesignLiveAnswer>("/app/api/designs/[id]/live/route.ts", `/api/designs/${id}/live`, { id })).body;
    const first = await live();
    expect(first).toMatchObject({ bound: true, nodes: { g: { kind: "group", groupId: group, lag: 8 }, t: { kind: "topic", name: topic } } });

    // A second save through the leader: the follower's designer sees the new version (its poll of the head) and
    // the new node in its live view.
    const head = async () => (await follower.route<DesignHead>("/app/api/designs/[id]/head/route.ts", `/api/designs/${id}/head`, { id })).body;
    expect((await head()).version).toBe(created.data.version);
    const next = { ...topology, nodes: [...topology.nodes, { id: "g2", kind: "consumerGroup", data: { ...defaultNodeData("consumerGroup"), groupId: unique("nobody") } }] } as Topology;
    const saved = await leader.call<{ ok: boolean; data: { version: number } }>("/server/actions/design-actions.ts", "saveTopologyAction", { id, baseVersion: created.data.version, topology: next });
    expect(saved.ok).toBe(true);
    expect((await head()).version).toBe(saved.data.version);
    expect(await live()).toMatchObject({ bound: true, nodes: { g2: { kind: "group", lag: null, status: null } } });
  });

  it("SIGKILL the leader: the other takes over within two intervals, continues its windows, and fires nothing twice", async () => {
    const before = await rounds();
    leader.kill("SIGKILL");
    await leader.exited;
    await until("a round by the other instance", async () => (await db.lagSamplerState.findUniqueOrThrow({ where: { clusterId } })).holder === follower.instance);
    await until("two more rounds", async () => (await rounds()).length >= before.length + 3);
    const times = await rounds();
    // No gap longer than two intervals, and no round twice, across the takeover.
    const across = gaps(times);
    const seen = `gaps ${across.join(", ")} ms; the last round before the kill ended gap ${before.length - 1}`;
    expect(Math.max(...across), seen).toBeLessThanOrEqual(2 * INTERVAL);
    expect(Math.min(...across), seen).toBeGreaterThanOrEqual(INTERVAL * 0.5);
    expect((await lease()).holder).toBe(follower.instance);

    // Burrow's window went on: it holds samples the old leader took.
    const state = await follower.call<{ windows: Record<string, Record<string, { at: number }[]>> } | null>("/server/groups/lag-sampler.ts", "lagState", clusterId);
    const window = state!.windows[group][`${topic}\u00000`];
    const takenOver = times.find((t) => t > before[before.length - 1])!;
    expect(window.some((s) => s.at < takenOver)).toBe(true);

    const all = await events();
    expect(all).toHaveLength(1);
    expect(hits).toHaveLength(1);
    expect((await db.alertCondition.findUniqueOrThrow({ where: { ruleId_groupId: { ruleId: longRuleId, groupId: group } } })).since.getTime()).toBe(longSince);
  });

  it("SIGTERM hands the lease over at once; after a restart of both, the 10-minute condition keeps its start time", async () => {
    const survivor = follower;
    survivor.kill("SIGTERM");
    const exit = await survivor.exited;
    expect(exit.code).toBe(143);
    // Handed over: expired at once, not left to run out.
    const handed = await lease();
    expect(handed.holder).toBe(survivor.instance);
    expect(handed.expiresAt.getTime()).toBeLessThan(Date.now() - 60_000);
    const stoppedAt = (await rounds()).length;

    const [c, d] = [await start(), await start()];
    await until("rounds by a new instance", async () => [c.instance, d.instance].includes((await db.lagSamplerState.findUniqueOrThrow({ where: { clusterId } })).holder));
    await until("two more rounds", async () => (await rounds()).length >= stoppedAt + 2);
    expect((await db.alertCondition.findUniqueOrThrow({ where: { ruleId_groupId: { ruleId: longRuleId, groupId: group } } })).since.getTime()).toBe(longSince);
    // The event still open is the same one: nothing fired again, nothing POSTed again.
    expect(await events()).toEqual([expect.objectContaining({ ruleId: lagRuleId, state: "firing" })]);
    expect(hits).toHaveLength(1);
  });
});
