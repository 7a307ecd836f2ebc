import { describe, expect, it } from "vitest";
import { updateClusterAction } from "@/server/actions/cluster-actions";
import { createTopicAction } from "@/server/actions/topic-actions";
import { prisma } from "@/server/db/prisma";
import { brokers, makeCluster, unique } from "@/server/test-support/fixtures";
import { adminFor } from "@/server/kafka/client-registry";
import { fetchClusterOverview } from "./fetch-cluster-overview";

describe("cluster overview against the real broker", () => {
  it("describes brokers, controller, topics and partitions", async () => {
    const c = await makeCluster();
    const topic = unique("overview");
    expect(await createTopicAction({ clusterId: c.id, name: topic, partitions: 3, replicationFactor: 1 })).toMatchObject({ ok: true });

    const o = await fetchClusterOverview(c);
    const expected = brokers().split(",");
    expect(o.brokers.map((b) => `${b.host}:${b.port}`).sort()).toEqual(expected.sort());
    expect(o.clusterId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(o.brokers.some((b) => b.isController)).toBe(true);
    expect(o.topicCount).toBeGreaterThanOrEqual(1);
    expect(o.partitionCount).toBeGreaterThanOrEqual(3);
    expect(o.underReplicatedPartitions).toBe(0);
    expect(o.offlinePartitions).toBe(0);
  });

  it("reuses one admin client per cluster, and rebuilds it when the cluster is edited", async () => {
    const c = await makeCluster();
    const first = await adminFor(c);
    await fetchClusterOverview(c);
    expect(await adminFor(c)).toBe(first);

    const r = await updateClusterAction({ id: c.id, name: c.name, readOnly: false, connection: { bootstrapServers: c.bootstrapServers } });
    expect(r.ok).toBe(true);
    const edited = await prisma.cluster.findUniqueOrThrow({ where: { id: c.id } });
    const second = await adminFor(edited);
    // Same settings: the rebuilt client is reused from here on, but it is not the one from before the edit.
    expect(second).not.toBe(first);
    expect(await adminFor(edited)).toBe(second);
  });

  it("errors within seconds when the cluster is unreachable", async () => {
    const c = await makeCluster({ bootstrap: "127.0.0.1:1" });
    const t0 = Date.now();
    await expect(fetchClusterOverview(c)).rejects.toThrow();
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});
