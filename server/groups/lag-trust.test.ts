// Lag you can trust, against the real broker: retention loss after deleteRecords, a slow consumer that is not
// STALL, the allowed lag, and a cluster that becomes unreachable.
import { Kafka, logLevel } from "kafkajs";
import { afterAll, describe, expect, it } from "vitest";
import { GET as listGroupsRoute } from "@/app/api/clusters/[id]/groups/route";
import { GET as groupDetailRoute } from "@/app/api/clusters/[id]/groups/detail/route";
import { GET as metricsRoute } from "@/app/api/metrics/route";
import type { GroupDetail, GroupListAnswer } from "@/lib/groups/group-views";
import { saveClusterLagSettingsAction, saveGroupAllowedLagAction } from "@/server/actions/lag-settings-actions";
import { resetGroupOffsetsAction } from "@/server/actions/offset-actions";
import { prisma } from "@/server/db/prisma";
import { brokers, makeCluster, unique, withAdmin } from "@/server/test-support/fixtures";
import { callRoute, produce } from "@/server/test-support/topics";
import { fetchLagSnapshot } from "./fetch-lag-snapshot";
import { lagState, sampleCluster } from "./lag-sampler";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c().catch(() => {});
});

const tick = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const detailOf = (clusterId: string, group: string) => callRoute<GroupDetail>(groupDetailRoute, `/api/clusters/${clusterId}/groups/detail?group=${encodeURIComponent(group)}`, { id: clusterId });
const listOf = (clusterId: string, group: string) => callRoute<GroupListAnswer>(listGroupsRoute, `/api/clusters/${clusterId}/groups?q=${encodeURIComponent(group)}`, { id: clusterId });

async function topic(partitions: number): Promise<string> {
  const name = unique("trust");
  await withAdmin((a) => a.createTopics({ topics: [{ topic: name, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true }));
  return name;
}

async function commit(clusterId: string, groupId: string, name: string, offsets: { partition: number; offset: number }[]) {
  expect(await resetGroupOffsetsAction({ clusterId, groupId, topic: name, offsets })).toMatchObject({ ok: true });
}

describe("messages deleted by retention before the group read them", () => {
  it("shows the retention-loss state with the exact count after deleteRecords, in the snapshot, the pages and the metrics", async () => {
    const c = await makeCluster();
    const name = await topic(2);
    const group = unique("lossy");
    await produce(name, 0, 100);
    await produce(name, 1, 30);
    await commit(c.id, group, name, [
      { partition: 0, offset: 10 },
      { partition: 1, offset: 25 },
    ]);
    // Retention (here deleteRecords) removes offsets 0–59 of partition 0, below the group; partition 1's 0–19, behind it.
    await withAdmin(async (a) => {
      // kafkajs finds the leaders from metadata it must have loaded first.
      await a.fetchTopicMetadata({ topics: [name] });
      await a.deleteTopicRecords({ topic: name, partitions: [{ partition: 0, offset: "60" }] });
      await a.deleteTopicRecords({ topic: name, partitions: [{ partition: 1, offset: "20" }] });
    });

    const snap = await fetchLagSnapshot(c);
    expect(snap.groups.find((g) => g.groupId === group)!.partitions).toEqual([
      { topic: name, partition: 0, committed: 10, end: 100, lag: 90, logStart: 60 },
      { topic: name, partition: 1, committed: 25, end: 30, lag: 5, logStart: 20 },
    ]);

    await sampleCluster(c);
    const state = await sampleCluster(c);
    expect(state.verdicts.get(group)!.anomalies).toEqual([
      { kind: "retention-loss", topic: name, partition: 0, committed: 10, logStart: 60, lost: 50, message: "50 messages were deleted by retention before this group read them" },
    ]);
    expect(state.retention.totals.get(group)).toBe(50);

    const list = await listOf(c.id, group);
    expect(list.body.groups).toEqual([expect.objectContaining({ groupId: group, retentionLost: 50, pastEnd: 0, totalLag: 95 })]);
    const detail = await detailOf(c.id, group);
    expect(detail.body.summary.retentionLost).toBe(50);
    const rows = detail.body.topics[0].partitions;
    expect(rows.map((p) => [p.partition, p.logStart, p.anomaly?.kind ?? null])).toEqual([
      [0, 60, "retention-loss"],
      [1, 20, null],
    ]);

    const text = await (await metricsRoute(new Request("http://localhost/api/metrics"), { params: Promise.resolve({}) })).text();
    const labels = `cluster="${c.name}",group="${group}"`;
    expect(text).toContain(`topiary_consumergroup_partition_retention_lost_messages{${labels},topic="${name}",partition="0"} 50`);
    expect(text).toContain(`topiary_consumergroup_retention_lost_messages{${labels}} 50`);
    expect(text).toContain(`topiary_consumergroup_retention_lost_messages_total{${labels}} 50`);
    expect(text).toContain(`topiary_consumergroup_burrow_status{${labels},status="ERR"} 1`);
  }, 60_000);
});

describe("Burrow's rules on a live consumer", () => {
  it("a consumer that is slow but moving is not STALL, and its time lag is known", async () => {
    const before = process.env.TOPIARY_LAG_WINDOW;
    process.env.TOPIARY_LAG_WINDOW = "5";
    try {
      const c = await makeCluster();
      const name = await topic(1);
      const group = unique("slow");
      await produce(name, 0, 200);
      const kafka = new Kafka({ clientId: "slow-app", brokers: brokers().split(","), logLevel: logLevel.NOTHING });
      const consumer = kafka.consumer({ groupId: group });
      const producer = kafka.producer();
      cleanups.push(() => consumer.disconnect(), () => producer.disconnect());
      await Promise.all([consumer.connect(), producer.connect()]);
      await consumer.subscribe({ topic: name, fromBeginning: true });
      // About 25 messages a second: slower than the producer below.
      await consumer.run({ autoCommitInterval: 200, eachMessage: () => tick(40) });
      const committed = async () => Number((await withAdmin((a) => a.fetchOffsets({ groupId: group, topics: [name] })))[0].partitions[0].offset);
      await expect.poll(committed, { timeout: 30_000 }).toBeGreaterThan(0);

      let writing = true;
      const writer = (async () => {
        while (writing) {
          await producer.send({ topic: name, messages: Array.from({ length: 20 }, (_, i) => ({ partition: 0, value: `m${i}` })) });
          await tick(300);
        }
      })();
      const seen: { committed: number; status: string; rule: string }[] = [];
      for (let i = 0; i < 7; i++) {
        const s = await sampleCluster(c);
        const v = s.verdicts.get(group)!;
        seen.push({ committed: s.latest.groups.find((g) => g.groupId === group)!.partitions[0].committed ?? -1, status: v.status, rule: v.partitions[0]?.ruleId ?? "" });
        await tick(700);
      }
      writing = false;
      await writer;

      // It kept committing further…
      expect(seen.at(-1)!.committed).toBeGreaterThan(seen[0].committed);
      // …so it is never STALL or STOP: WARN while its lag grows, OK when it catches some up.
      for (const x of seen) expect(["OK", "WARN"]).toContain(x.status);
      expect(seen.map((x) => x.rule)).not.toContain("stalled");
      const detail = await detailOf(c.id, group);
      expect(detail.body.summary.burrowStatus).toMatch(/^(OK|WARN)$/);
      expect(detail.body.catchUp.consumeRate).toBeGreaterThan(5);
      expect(detail.body.summary.timeLag.seconds).not.toBeNull();
      expect(detail.body.topics[0].partitions[0].rule).toMatch(/committed offset (moved|[\d,]+ →)/);
    } finally {
      process.env.TOPIARY_LAG_WINDOW = before;
    }
  }, 90_000);

  it("an allowed lag (the cluster's, overridden per group) turns a small steady lag into OK", async () => {
    const c = await makeCluster();
    const name = await topic(1);
    const group = unique("steady");
    await produce(name, 0, 10);
    await commit(c.id, group, name, [{ partition: 0, offset: 7 }]);
    await sampleCluster(c);
    await tick(1100);
    await sampleCluster(c);
    await tick(1100);
    const judged = await sampleCluster(c);
    // Lag 3 with no commits: Burrow's STOP.
    expect(judged.verdicts.get(group)).toMatchObject({ status: "STOP", burrowStatus: "ERR" });

    const saved = await saveClusterLagSettingsAction({ clusterId: c.id, allowedLag: 5, minimumComplete: 0 });
    expect(saved).toMatchObject({ ok: true, data: { allowedLag: 5, minimumComplete: 0 } });
    // Judged again at once, without a new sample…
    expect(lagState(c.id)!.verdicts.get(group)).toMatchObject({ status: "OK", burrowStatus: "OK" });
    expect(lagState(c.id)!.verdicts.get(group)!.partitions[0].rule).toBe("lag 3, within the allowed 5");
    // …and by the sampler from now on.
    expect((await sampleCluster(c)).verdicts.get(group)!.status).toBe("OK");
    const detail = await detailOf(c.id, group);
    expect(detail.body.allowedLag).toEqual({ cluster: 5, group: null });
    expect(detail.body.summary).toMatchObject({ status: "OK", burrowStatus: "OK", totalLag: 3 });

    // The group's own allowed lag wins over the cluster's.
    expect(await saveGroupAllowedLagAction({ clusterId: c.id, groupId: group, allowedLag: 0 })).toMatchObject({ ok: true });
    expect((await sampleCluster(c)).verdicts.get(group)!.status).toBe("STOP");
    expect((await detailOf(c.id, group)).body.allowedLag).toEqual({ cluster: 5, group: 0 });
    expect(await saveGroupAllowedLagAction({ clusterId: c.id, groupId: group, allowedLag: null })).toMatchObject({ ok: true, data: { groupOverrides: [] } });
    expect(lagState(c.id)!.verdicts.get(group)!.status).toBe("OK");
    const list = await listOf(c.id, group);
    expect(list.body.settings).toMatchObject({ allowedLag: 5, groupOverrides: [] });
  }, 60_000);
});

describe("a cluster that becomes unreachable", () => {
  it("the group page says so, with the error and the last sample's age, instead of showing it as current", async () => {
    const c = await makeCluster();
    const name = await topic(1);
    const group = unique("gone");
    await produce(name, 0, 5);
    await commit(c.id, group, name, [{ partition: 0, offset: 2 }]);
    await sampleCluster(c);
    const current = await detailOf(c.id, group);
    expect(current.body.health).toMatchObject({ state: "current", error: null, text: "" });

    // The brokers go away: nothing listens where the cluster now points.
    const gone = await prisma.cluster.update({ where: { id: c.id }, data: { bootstrapServers: "127.0.0.1:1" } });
    await expect(sampleCluster(gone)).rejects.toThrow();
    const started = Date.now();
    const detail = await detailOf(c.id, group);
    // Answered from the last sample at once, not after another attempt's timeout.
    expect(Date.now() - started).toBeLessThan(2000);
    expect(detail.status).toBe(200);
    expect(detail.body.health.state).toBe("unreachable");
    expect(detail.body.health.error?.message).toMatch(/127\.0\.0\.1:1/);
    expect(detail.body.health.text).toMatch(/^Cannot reach the cluster: .* What is shown is the last sample, taken .* ago\.$/);
    expect(detail.body.takenAt).toBe(current.body.takenAt);
    const list = await listOf(c.id, group);
    expect(list.body.health.state).toBe("unreachable");
  }, 60_000);
});
