// Consumer lag against the real broker: the snapshot, the sampler's history and status, the groups and
// metrics routes, and the offset reset.
import net from "node:net";
import { Kafka, logLevel } from "kafkajs";
import { afterAll, describe, expect, it } from "vitest";
import { GET as listGroupsRoute } from "@/app/api/clusters/[id]/groups/route";
import { GET as groupDetailRoute } from "@/app/api/clusters/[id]/groups/detail/route";
import { GET as groupHistoryRoute } from "@/app/api/clusters/[id]/groups/history/route";
import { GET as metricsRoute } from "@/app/api/metrics/route";
import type { GroupPage } from "@/lib/groups/query-groups";
import { previewOffsetResetAction, resetGroupOffsetsAction } from "@/server/actions/offset-actions";
import { prisma } from "@/server/db/prisma";
import { brokers, makeCluster, unique, withAdmin } from "@/server/test-support/fixtures";
import { callRoute, produce } from "@/server/test-support/topics";
import type { GroupDetail, LagHistory } from "@/lib/groups/group-views";
import { fetchLagSnapshot, javaStringHash } from "./fetch-lag-snapshot";
import { lagState, lastLagError, sampleAllClusters, sampleCluster } from "./lag-sampler";

import { decodeLagHour } from "@/lib/groups/lag-hour-codec";
import { pruneLagPoints, rawWindowMs } from "./lag-points";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c().catch(() => {});
});

/** A 3-partition topic with 10, 20 and 30 messages, and an inactive group with offsets 5, 20, 0 (lag 5, 0, 30). */
async function topicWithGroup() {
  const topic = unique("lag");
  const group = unique("lag-group");
  await withAdmin(async (a) => {
    await a.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
  });
  await produce(topic, 0, 10);
  await produce(topic, 1, 20);
  await produce(topic, 2, 30);
  await withAdmin((a) =>
    a.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: "5" }, { partition: 1, offset: "20" }, { partition: 2, offset: "0" }] }),
  );
  return { topic, group };
}

describe("lag snapshot against the real broker", () => {
  it("hashes group ids as Java does (Kafka places a group on abs(hash) % partitions of its offsets topic)", () => {
    expect(javaStringHash("hello")).toBe(99162322);
    expect(javaStringHash("a much longer consumer group id, past int overflow")).toBe(1940575818);
    expect(javaStringHash("")).toBe(0);
  });

  it("gives every group's committed offsets, end offsets and lag per partition", async () => {
    const c = await makeCluster();
    const { topic, group } = await topicWithGroup();
    const t0 = Date.now();
    const snap = await fetchLagSnapshot(c);
    const t1 = Date.now();
    const g = snap.groups.find((x) => x.groupId === group)!;
    expect(g.state).toBe("Empty");
    expect(g.members).toEqual([]);
    expect(g.partitions).toEqual([
      { topic, partition: 0, committed: 5, end: 10, lag: 5, logStart: 0 },
      { topic, partition: 1, committed: 20, end: 20, lag: 0, logStart: 0 },
      { topic, partition: 2, committed: 0, end: 30, lag: 30, logStart: 0 },
    ]);
    expect(snap.topicEnds[topic]).toEqual({ 0: 10, 1: 20, 2: 30 });
    // When it was taken and how long it took are this call's own, not a default or a stale sample's.
    expect(snap.takenAt).toBeGreaterThanOrEqual(t0);
    expect(snap.takenAt).toBeLessThanOrEqual(t1);
    expect(snap.tookMs).toBeLessThanOrEqual(t1 - t0);
    expect(snap.takenAt + snap.tookMs).toBeLessThanOrEqual(t1 + 1);
  });

  it("lists an active group's members with their assigned partitions", async () => {
    const c = await makeCluster();
    const { topic } = await topicWithGroup();
    const group = unique("active");
    const consumer = new Kafka({ clientId: "lag-test-app", brokers: brokers().split(","), logLevel: logLevel.NOTHING }).consumer({ groupId: group });
    cleanups.push(() => consumer.disconnect());
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let consumed = 0;
    await consumer.run({ eachMessage: async () => void consumed++ });
    await expect.poll(() => consumed, { timeout: 30_000 }).toBe(60);

    await expect
      .poll(async () => (await fetchLagSnapshot(c)).groups.find((x) => x.groupId === group)?.state, { timeout: 30_000 })
      .toBe("Stable");
    const g = (await fetchLagSnapshot(c)).groups.find((x) => x.groupId === group)!;
    expect(g.members).toHaveLength(1);
    expect(g.members[0]).toMatchObject({ clientId: "lag-test-app", assignments: [{ topic, partitions: [0, 1, 2] }] });
    expect(g.partitions.map((p) => p.partition)).toEqual([0, 1, 2]);

    // An active group's offsets cannot be reset: the preview says why, and confirming is refused.
    const preview = await previewOffsetResetAction({ clusterId: c.id, groupId: group, topic, target: "earliest" });
    expect(preview.ok && preview.data.refusal).toMatch(/Stable with 1 active member/);
    const refused = await resetGroupOffsetsAction({ clusterId: c.id, groupId: group, topic, offsets: [{ partition: 0, offset: 0 }] });
    expect(refused).toMatchObject({ ok: false, error: { code: "CONFLICT", message: expect.stringContaining("stop its consumers first") } });
  }, 90_000);
});

describe("sampler, routes and metrics", () => {
  it("records history, judges an idle group with lag as STOP, and serves list, detail, history and metrics", async () => {
    const c = await makeCluster();
    const { topic, group } = await topicWithGroup();
    await sampleCluster(c);
    await new Promise((r) => setTimeout(r, 1100));
    const state = await sampleCluster(c);
    expect(state.verdicts.get(group)).toMatchObject({ status: "STOP", reason: expect.stringContaining(`STOP on ${topic}[0], ${topic}[2]: no commit`) });

    const points = await prisma.lagPoint.findMany({ where: { series: { clusterId: c.id, groupId: group } }, include: { series: true }, orderBy: { at: "asc" } });
    expect(points).toHaveLength(2);
    expect(points[1]).toMatchObject({ series: { topic }, lag: 35, committed: 25, endOffset: 60, status: 4 });

    const list = await callRoute<GroupPage>(listGroupsRoute, `/api/clusters/${c.id}/groups?q=${group}`, { id: c.id });
    expect(list.status).toBe(200);
    expect(list.body.groups).toEqual([expect.objectContaining({ groupId: group, totalLag: 35, maxLag: 30, maxLagAt: `${topic}[2]`, status: "STOP", state: "Empty" })]);
    const byStatus = await callRoute<GroupPage>(listGroupsRoute, `/api/clusters/${c.id}/groups?q=${group}&status=ok,warn`, { id: c.id });
    expect(byStatus.body.groups).toEqual([]);
    const bad = await callRoute<{ error: { message: string } }>(listGroupsRoute, `/api/clusters/${c.id}/groups?status=SLEEPY`, { id: c.id });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('Unknown status "SLEEPY"');

    const detail = await callRoute<GroupDetail>(groupDetailRoute, `/api/clusters/${c.id}/groups/detail?group=${encodeURIComponent(group)}`, { id: c.id });
    expect(detail.status).toBe(200);
    expect(detail.body.topics[0].partitions.map((p) => [p.partition, p.lag, p.status])).toEqual([
      [0, 5, "STOP"],
      [1, 0, "OK"],
      [2, 30, "STOP"],
    ]);
    expect(detail.body.catchUp.text).toBe("Not consuming: lag will not shrink.");
    const missing = await callRoute(groupDetailRoute, `/api/clusters/${c.id}/groups/detail?group=${unique("nope")}`, { id: c.id });
    expect(missing.status).toBe(404);

    const history = await callRoute<LagHistory>(groupHistoryRoute, `/api/clusters/${c.id}/groups/history?group=${group}&window=15m`, { id: c.id });
    expect(history.body.topics).toEqual([topic]);
    expect(history.body.total).toEqual([35, 35]);

    const res = await metricsRoute(new Request("http://localhost/api/metrics"), { params: Promise.resolve({}) });
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toContain(`topiary_consumergroup_partition_lag{cluster="${c.name}",group="${group}",topic="${topic}",partition="2"} 30`);
    expect(text).toContain(`topiary_consumergroup_status{cluster="${c.name}",group="${group}",status="STOP"} 1`);
  }, 60_000);

  it("a group that stops consuming while a producer writes shows rising lag, then STOP within a few samples", async () => {
    const before = process.env.TOPIARY_LAG_WINDOW;
    process.env.TOPIARY_LAG_WINDOW = "3";
    try {
      const c = await makeCluster();
      const topic = unique("stops");
      const group = unique("stops-group");
      await withAdmin((a) => a.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true }));
      await produce(topic, 0, 20);
      const consumer = new Kafka({ clientId: "stopping-app", brokers: brokers().split(","), logLevel: logLevel.NOTHING }).consumer({ groupId: group });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ autoCommitInterval: 100, eachMessage: async () => {} });
      const committed = async () => Number((await withAdmin((a) => a.fetchOffsets({ groupId: group, topics: [topic] })))[0].partitions[0].offset);
      await expect.poll(committed, { timeout: 30_000 }).toBe(20);

      const lagOf = (s: Awaited<ReturnType<typeof sampleCluster>>) => s.latest.groups.find((g) => g.groupId === group)?.partitions[0]?.lag;
      const first = await sampleCluster(c);
      expect(lagOf(first)).toBe(0);
      expect(first.verdicts.get(group)?.status).toBe("OK");

      // The consumer stops; the producer keeps writing.
      await consumer.disconnect();
      const seen: { lag: number | null | undefined; status: string | undefined }[] = [];
      for (let i = 0; i < 4; i++) {
        await produce(topic, 0, 10);
        await new Promise((r) => setTimeout(r, 300));
        const s = await sampleCluster(c);
        seen.push({ lag: lagOf(s), status: s.verdicts.get(group)?.status });
      }
      expect(seen.map((x) => x.lag)).toEqual([10, 20, 30, 40]);
      // While the window (3 samples) still holds the caught-up sample, Burrow's rules say OK; then STOP.
      expect(seen.map((x) => x.status)).toEqual(["OK", "OK", "STOP", "STOP"]);
    } finally {
      process.env.TOPIARY_LAG_WINDOW = before;
    }
  }, 90_000);

  it("a round of sampling is not held up by a cluster that does not answer", async () => {
    // A broker that accepts connections and never answers: its sample hangs until the snapshot times out.
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => void sockets.add(socket));
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    // Closing waits for open connections, and the client keeps one: end them first.
    cleanups.push(
      () =>
        new Promise<void>((r) => {
          for (const socket of sockets) socket.destroy();
          silent.close(() => r());
        }),
    );
    const live = await makeCluster();
    const dead = await makeCluster({ bootstrap: `127.0.0.1:${(silent.address() as net.AddressInfo).port}` });
    const started = Date.now();
    await sampleAllClusters(2000);
    // The silent broker's sample takes about 8 s (the request timeout) to fail; the round does not wait for it.
    expect(Date.now() - started).toBeLessThan(5000);
    // The round returned while the silent broker's sample was still in flight.
    expect(lagState(dead.id)).toBeNull();
    expect(lastLagError(dead.id)).toBeNull();
    await expect.poll(() => lagState(live.id), { timeout: 30_000 }).not.toBeNull();
    // It ends with an error the sampler keeps for the pages.
    await expect.poll(() => lastLagError(dead.id)?.message, { timeout: 60_000 }).toBeTruthy();
  }, 90_000);

  it("folds raw points older than the raw window into packed 5-minute buckets, and drops what is past the retention", async () => {
    const c = await makeCluster();
    const hour = Math.floor((Date.now() - 8 * 3600_000) / 3600_000) * 3600_000;
    const series = await prisma.lagSeries.create({ data: { clusterId: c.id, groupId: "g", topic: "t" } });
    // Three samples in the hour's first bucket, one in its fourth, and one 8 days old (past the retention).
    await prisma.lagPoint.createMany({
      data: [
        ...[0, 15, 30].map((s, i) => ({ seriesId: series.id, at: new Date(hour + s * 1000), lag: [10, 20, 60][i], committed: 100 + i, endOffset: 200 + i, status: i === 1 ? 1 : 0 })),
        { seriesId: series.id, at: new Date(hour + 16 * 60_000), lag: 7, committed: 110, endOffset: 117, status: 4 },
        { seriesId: series.id, at: new Date(Date.now() - 8 * 86400_000), lag: 1, committed: 1, endOffset: 2, status: 0 },
      ],
    });
    // A recent point stays raw.
    await prisma.lagPoint.create({ data: { seriesId: series.id, at: new Date(Date.now() - 60_000), lag: 3, committed: 120, endOffset: 123, status: 0 } });
    expect(await pruneLagPoints(c.id, 1)).toEqual({ buckets: 2, folded: 4, dropped: 1 });
    const hours = await prisma.lagHour.findMany({ where: { seriesId: series.id } });
    expect(hours.map((h) => [h.hour.getTime(), decodeLagHour(h.buckets)])).toEqual([
      [
        hour,
        [
          { slot: 0, lag: 30, committed: 102, endOffset: 202, status: 1 },
          { slot: 3, lag: 7, committed: 110, endOffset: 117, status: 4 },
        ],
      ],
    ]);
    expect((await prisma.lagPoint.findMany({ where: { seriesId: series.id } })).map((p) => p.lag)).toEqual([3]);

    // The chart reads both tiers: the buckets of the folded hour, then the raw point.
    const history = await callRoute<LagHistory>(groupHistoryRoute, `/api/clusters/${c.id}/groups/history?group=g&window=24h`, { id: c.id });
    expect(history.body).toMatchObject({ topics: ["t"], times: [hour, hour + 15 * 60_000, expect.any(Number)], total: [30, 7, 3] });

    // Nothing left to fold: a second run changes nothing.
    expect(await pruneLagPoints(c.id, 1)).toEqual({ buckets: 0, folded: 0, dropped: 0 });

    // A bucket folded into an hour that already holds others: added to them.
    await prisma.lagPoint.create({ data: { seriesId: series.id, at: new Date(hour + 50 * 60_000), lag: 9, committed: 130, endOffset: 139, status: 2 } });
    expect(await pruneLagPoints(c.id, 1)).toMatchObject({ buckets: 1, folded: 1 });
    const [merged] = await prisma.lagHour.findMany({ where: { seriesId: series.id } });
    expect(decodeLagHour(merged.buckets).map((b) => [b.slot, b.lag])).toEqual([
      [0, 30],
      [3, 7],
      [10, 9],
    ]);
  });

  it("shortens the raw window for a cluster with many series, never below 15 minutes", () => {
    const hours = Number(process.env.TOPIARY_LAG_RAW_HOURS ?? 6);
    expect(rawWindowMs(10, 15_000)).toBe(hours * 3600_000);
    // 20,000 series every 15 s: 4.8 million points an hour; the default bound (5 million) keeps 62.5 minutes of
    // them, of which 10 are the fold's slack.
    expect(rawWindowMs(20_000, 15_000) / 60_000).toBeCloseTo(52.5, 1);
    expect(rawWindowMs(10_000_000, 15_000)).toBe(15 * 60_000);
  });
});

describe("offset reset", () => {
  it("previews the new offsets, then sets exactly those on an inactive group", async () => {
    const c = await makeCluster();
    const { topic, group } = await topicWithGroup();
    const preview = await previewOffsetResetAction({ clusterId: c.id, groupId: group, topic, target: "offset", offset: 12 });
    expect(preview).toMatchObject({
      ok: true,
      data: {
        refusal: null,
        rows: [
          { partition: 0, current: 5, newOffset: 10, start: 0, end: 10, requested: 12, clamped: "end" },
          { partition: 1, current: 20, newOffset: 12, start: 0, end: 20, requested: 12, clamped: null },
          { partition: 2, current: 0, newOffset: 12, start: 0, end: 30, requested: 12, clamped: null },
        ],
      },
    });
    // Nothing changed by the preview.
    const committed = async () => (await withAdmin((a) => a.fetchOffsets({ groupId: group, topics: [topic] })))[0].partitions.map((p) => Number(p.offset)).sort((a, b) => a - b);
    expect(await committed()).toEqual([0, 5, 20]);

    const latest = await previewOffsetResetAction({ clusterId: c.id, groupId: group, topic, target: "latest", partitions: [2] });
    expect(latest.ok && latest.data.rows).toEqual([{ partition: 2, current: 0, newOffset: 30, start: 0, end: 30, requested: null, clamped: null, note: null }]);
    expect(await resetGroupOffsetsAction({ clusterId: c.id, groupId: group, topic, offsets: [{ partition: 2, offset: 30 }] })).toMatchObject({ ok: true, data: { reset: 1 } });
    expect(await committed()).toEqual([5, 20, 30]);

    const future = await previewOffsetResetAction({ clusterId: c.id, groupId: group, topic, target: "timestamp", timestamp: Date.now() + 3600_000 });
    expect(future.ok && future.data.rows.map((r) => r.newOffset)).toEqual([10, 20, 30]);

    expect(await resetGroupOffsetsAction({ clusterId: c.id, groupId: group, topic, offsets: [{ partition: 0, offset: 11 }] })).toMatchObject({
      ok: false,
      error: { code: "CONFLICT", message: expect.stringContaining("outside partition 0's range 0–10") },
    });
    expect(await previewOffsetResetAction({ clusterId: c.id, groupId: group, topic, target: "offset" })).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    expect(await previewOffsetResetAction({ clusterId: c.id, groupId: group, topic, target: "earliest", partitions: [7] })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining("has no partition 7") },
    });
    const ro = await makeCluster({ readOnly: true });
    expect(await resetGroupOffsetsAction({ clusterId: ro.id, groupId: group, topic, offsets: [{ partition: 0, offset: 0 }] })).toMatchObject({ ok: false, error: { code: "READ_ONLY" } });
  }, 60_000);
});
