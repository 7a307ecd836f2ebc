import { ConfigResourceTypes } from "kafkajs";
import { describe, expect, it } from "vitest";
import { unwrap } from "@/lib/errors/action-result";
import { applyPlanAction, importFromClusterAction } from "@/server/actions/plan-actions";
import { prisma } from "@/server/db/prisma";
import { editDesign, makeDesign, topicNode } from "@/server/test-support/designs";
import { brokers, makeCluster, unique, withAdmin } from "@/server/test-support/fixtures";
import { computePlan } from "./compute-plan";

async function planAndApply(designId: string, clusterId: string, confirmDeletions: string[] = []) {
  const view = await computePlan(designId);
  return unwrap(await applyPlanAction({ designId, clusterId, planHash: view.plan.hash, confirmDeletions }));
}

describe("plan and apply against the real broker", () => {
  it("creates what the design describes, then the plan is empty and a second apply is a no-op", async () => {
    const c = await makeCluster();
    const prefix = unique("apply");
    const d = await makeDesign(c.id, {
      nodes: [
        topicNode(`${prefix}.orders`, { partitions: 3, configs: { "retention.ms": "3600000", "cleanup.policy": "delete" } }),
        topicNode(`${prefix}.customers`, { configs: { "cleanup.policy": "compact" } }),
      ],
      edges: [],
    });
    const before = await computePlan(d.id);
    expect(before.plan.changes.map((x) => x.kind)).toEqual(["createTopic", "createTopic"]);

    const run = await planAndApply(d.id, c.id);
    expect(run, JSON.stringify(run.results)).toMatchObject({ status: "succeeded" });
    expect(run.results.every((r) => r.status === "done")).toBe(true);

    const md = await withAdmin((a) => a.fetchTopicMetadata({ topics: [`${prefix}.orders`] }));
    expect(md.topics[0].partitions).toHaveLength(3);
    const after = await computePlan(d.id);
    expect(after.plan.changes).toEqual([]);
    expect(after.plan.topics.map((t) => t.status)).toEqual(["in-sync", "in-sync"]);
    expect((await planAndApply(d.id, c.id)).status).toBe("no-op");

    const recorded = await prisma.applyRun.findUniqueOrThrow({ where: { id: run.runId } });
    expect(recorded).toMatchObject({ status: "succeeded", designVersion: 1, clusterName: c.name });
    expect(JSON.parse(recorded.results)).toHaveLength(2);
  });

  it("shows a config changed outside Topiary as drift, and apply restores it", async () => {
    const c = await makeCluster();
    const name = unique("drift");
    const d = await makeDesign(c.id, { nodes: [topicNode(name, { configs: { "retention.ms": "3600000" } })], edges: [] });
    await planAndApply(d.id, c.id);
    await withAdmin((a) =>
      a.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name, configEntries: [{ name: "retention.ms", value: "60000" }, { name: "max.message.bytes", value: "2000000" }] }] }),
    );
    const drift = await computePlan(d.id);
    expect(drift.plan.topics[0].status).toBe("update");
    expect(drift.plan.changes).toEqual([
      { kind: "setConfig", topic: name, key: "retention.ms", before: "60000", after: "3600000" },
      { kind: "removeConfig", topic: name, key: "max.message.bytes", before: "2000000" },
    ]);
    expect((await planAndApply(d.id, c.id)).status).toBe("succeeded");
    expect((await computePlan(d.id)).plan.changes).toEqual([]);
  });

  it("adds partitions, refuses a decrease, and the topic and its messages stay", async () => {
    const c = await makeCluster();
    const name = unique("parts");
    const d = await makeDesign(c.id, { nodes: [topicNode(name, { partitions: 2 })], edges: [] });
    await planAndApply(d.id, c.id);
    await withAdmin(async (a) => {
      const { Kafka, logLevel } = await import("kafkajs");
      const producer = new Kafka({ brokers: brokers().split(","), logLevel: logLevel.NOTHING }).producer();
      await producer.connect();
      await producer.send({ topic: name, messages: Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })) });
      await producer.disconnect();
      return a;
    });
    await editDesign(d.id, (t) => ({ ...t, nodes: [topicNode(name, { partitions: 4 })] }));
    expect((await planAndApply(d.id, c.id)).status).toBe("succeeded");

    await editDesign(d.id, (t) => ({ ...t, nodes: [topicNode(name, { partitions: 1 })] }));
    const refused = await computePlan(d.id);
    expect(refused.plan.changes).toEqual([]);
    expect(refused.plan.topics[0].refusals[0]).toContain("cannot remove partitions");
    expect((await planAndApply(d.id, c.id)).status).toBe("no-op");
    const offsets = await withAdmin((a) => a.fetchTopicOffsets(name));
    expect(offsets).toHaveLength(4);
    expect(offsets.reduce((sum, p) => sum + Number(p.high), 0)).toBe(10);
  });

  it("deletes a topic only when it is marked and its name typed back", async () => {
    const c = await makeCluster();
    const name = unique("doomed");
    const d = await makeDesign(c.id, { nodes: [topicNode(name)], edges: [] });
    await planAndApply(d.id, c.id);
    await editDesign(d.id, (t) => ({ ...t, nodes: [topicNode(name, { deleteOnApply: true })] }));
    const view = await computePlan(d.id);
    expect(view.plan.deletions).toEqual([name]);
    const unconfirmed = await applyPlanAction({ designId: d.id, clusterId: c.id, planHash: view.plan.hash, confirmDeletions: [] });
    expect(unconfirmed).toMatchObject({ ok: false, error: { code: "VALIDATION", message: expect.stringContaining(name) } });
    expect(await withAdmin((a) => a.listTopics())).toContain(name);
    expect((await planAndApply(d.id, c.id, [name])).status).toBe("succeeded");
    expect(await withAdmin((a) => a.listTopics())).not.toContain(name);
  });

  it("refuses to apply when the cluster changed since the plan was shown", async () => {
    const c = await makeCluster();
    const name = unique("stale");
    const d = await makeDesign(c.id, { nodes: [topicNode(name)], edges: [] });
    const shown = await computePlan(d.id);
    await withAdmin((a) => a.createTopics({ topics: [{ topic: name, numPartitions: 2 }], waitForLeaders: true }));
    const r = await applyPlanAction({ designId: d.id, clusterId: c.id, planHash: shown.plan.hash, confirmDeletions: [] });
    expect(r).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
  });

  it("refuses to apply to a read-only cluster, on the server", async () => {
    const c = await makeCluster({ readOnly: true });
    const name = unique("ro");
    const d = await makeDesign(c.id, { nodes: [topicNode(name)], edges: [] });
    const view = await computePlan(d.id);
    const r = await applyPlanAction({ designId: d.id, clusterId: c.id, planHash: view.plan.hash, confirmDeletions: [] });
    expect(r).toMatchObject({ ok: false, error: { code: "READ_ONLY" } });
    expect(await withAdmin((a) => a.listTopics())).not.toContain(name);
  });

  it("imports a design from the cluster whose plan is empty, with groups and what they read", async () => {
    const c = await makeCluster();
    const prefix = unique("imp");
    await withAdmin((a) =>
      a.createTopics({
        waitForLeaders: true,
        topics: [
          { topic: `${prefix}.a`, numPartitions: 3, configEntries: [{ name: "retention.ms", value: "7200000" }] },
          { topic: `${prefix}.b`, numPartitions: 1, configEntries: [{ name: "cleanup.policy", value: "compact" }] },
        ],
      }),
    );
    const groupId = unique("imp-group");
    await withAdmin((a) => a.setOffsets({ groupId, topic: `${prefix}.a`, partitions: [{ partition: 0, offset: "0" }] }));

    const d = unwrap(await importFromClusterAction({ clusterId: c.id, name: unique("imported"), prefix }));
    const topics = d.topology.nodes.filter((n) => n.kind === "topic");
    expect(topics.map((n) => n.kind === "topic" && n.data.name).sort()).toEqual([`${prefix}.a`, `${prefix}.b`]);
    const group = d.topology.nodes.find((n) => n.kind === "consumerGroup" && n.data.groupId === groupId);
    expect(group).toBeDefined();
    expect(d.topology.edges.filter((e) => e.target === group!.id)).toHaveLength(1);
    expect(Object.keys(d.layout.positions)).toHaveLength(d.topology.nodes.length);
    expect((await computePlan(d.id)).plan.changes).toEqual([]);

    const byRegex = unwrap(await importFromClusterAction({ clusterId: c.id, name: unique("imported"), regex: `^${prefix.replace(/\./g, "\\.")}\\.b$`, includeGroups: false }));
    expect(byRegex.topology.nodes.map((n) => n.kind === "topic" && n.data.name)).toEqual([`${prefix}.b`]);
  });

  it("ends with a clear error within the timeout on an unreachable cluster, records it, and leaves the design untouched", async () => {
    const c = await makeCluster({ bootstrap: "127.0.0.1:1" });
    const d = await makeDesign(c.id, { nodes: [topicNode(unique("nowhere"))], edges: [] });
    const t0 = Date.now();
    const r = unwrap(await applyPlanAction({ designId: d.id, clusterId: c.id, planHash: "0123456789abcdef", confirmDeletions: [] }));
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(r).toMatchObject({ status: "failed", error: expect.stringMatching(/127\.0\.0\.1:1/) });
    const run = await prisma.applyRun.findUniqueOrThrow({ where: { id: r.runId } });
    expect(run.status).toBe("failed");
    const design = await prisma.design.findUniqueOrThrow({ where: { id: d.id } });
    expect(design.version).toBe(1);
  });
});
