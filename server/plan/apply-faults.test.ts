// The fault test: a local 3-broker cluster loses brokers in the middle of an apply, then comes back.
import path from "node:path";
import { Kafka, logLevel } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unwrap } from "@/lib/errors/action-result";
import { applyPlanAction } from "@/server/actions/plan-actions";
import { makeDesign, topicNode } from "@/server/test-support/designs";
import { makeCluster, unique } from "@/server/test-support/fixtures";
// @ts-expect-error plain ESM script without types
import { ensureKafka, killNode, stopKafka } from "../../scripts/kafka/kafka.mjs";
import { computePlan } from "./compute-plan";

// Below the ephemeral port range (32768-60999 here), so no client connection can hold one of its ports.
const THREE = { brokers: 3, port: 28092, dataDir: path.resolve(".topiary/test-kafka-3") };
let bootstrap = "";

beforeAll(async () => {
  bootstrap = (await ensureKafka(THREE)).bootstrap;
}, 120_000);
afterAll(async () => {
  await stopKafka(THREE);
}, 60_000);

describe("apply when brokers fail (local 3-broker cluster)", () => {
  it("reports a partial result when brokers stop mid-apply, and a retry converges once they are back", async () => {
    const c = await makeCluster({ bootstrap });
    const prefix = unique("fault");
    const names = Array.from({ length: 24 }, (_, i) => `${prefix}.t${String(i).padStart(2, "0")}`);
    const d = await makeDesign(c.id, { nodes: names.map((n) => topicNode(n, { partitions: 2, replicationFactor: 3 })), edges: [] });
    const plan = await computePlan(d.id);
    expect(plan.plan.changes).toHaveLength(24);

    const watcher = new Kafka({ brokers: bootstrap.split(","), logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
    await watcher.connect();
    const applying = applyPlanAction({ designId: d.id, clusterId: c.id, planHash: plan.plan.hash, confirmDeletions: [] });
    // As soon as the first topic exists, two of the three brokers die (the controller quorum is lost).
    for (let seen = false; !seen; ) {
      seen = (await watcher.listTopics()).some((t) => t.startsWith(prefix));
      if (!seen) await new Promise((r) => setTimeout(r, 10));
    }
    await killNode(THREE, 2);
    await killNode(THREE, 3);
    await watcher.disconnect().catch(() => {});

    const partial = unwrap(await applying);
    const counts = (s: string) => partial.results.filter((r) => r.status === s).length;
    expect(partial.status).toBe("partial");
    expect(counts("done")).toBeGreaterThan(0);
    expect(counts("done")).toBeLessThan(24);
    expect(counts("failed") + counts("skipped")).toBe(24 - counts("done"));
    expect(partial.results.find((r) => r.status === "failed")?.message).toBeTruthy();

    // Bring the brokers back; the retry applies only what is still missing, and then all is in sync.
    await ensureKafka(THREE);
    const retry = await computePlan(d.id);
    expect(retry.plan.changes.length).toBeLessThanOrEqual(24 - counts("done"));
    expect(retry.plan.changes.every((ch) => ch.kind === "createTopic")).toBe(true);
    const second = unwrap(await applyPlanAction({ designId: d.id, clusterId: c.id, planHash: retry.plan.hash, confirmDeletions: [] }));
    expect(["succeeded", "no-op"]).toContain(second.status);
    expect((await computePlan(d.id)).plan.changes).toEqual([]);
  }, 180_000);
});
