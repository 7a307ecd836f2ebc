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

/** Waits until the cluster's metadata lists its three brokers and a topic can be planned against it. */
async function allBrokersAnswer() {
  const admin = new Kafka({ brokers: bootstrap.split(","), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    for (const deadline = Date.now() + 60_000; ; ) {
      const ok = await admin.describeCluster().then((d) => d.brokers.length === 3 && d.controller !== null, () => false);
      if (ok) return;
      if (Date.now() > deadline) throw new Error("the 3-broker cluster did not come up with all its brokers within 60 s");
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await admin.disconnect();
  }
}

describe("apply when brokers fail (local 3-broker cluster)", () => {
  it("reports a partial result when brokers stop mid-apply, and a retry converges once they are back", async () => {
    // All three brokers up and answering (a second try of this test starts after the first killed two).
    bootstrap = (await ensureKafka(THREE)).bootstrap;
    await allBrokersAnswer();
    const c = await makeCluster({ bootstrap });
    const prefix = unique("fault");
    // Enough topics that the apply is surely still creating them when the brokers die: with 24, a busy machine
    // let it create all before the kill took effect, and the metadata wait then failed every one.
    const N = 60;
    const names = Array.from({ length: N }, (_, i) => `${prefix}.t${String(i).padStart(2, "0")}`);
    const d = await makeDesign(c.id, { nodes: names.map((n) => topicNode(n, { partitions: 2, replicationFactor: 3 })), edges: [] });
    const plan = await computePlan(d.id);
    expect(plan.plan.changes, JSON.stringify(plan.plan.blockingErrors)).toHaveLength(N);

    const watcher = new Kafka({ brokers: bootstrap.split(","), logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
    await watcher.connect();
    const applying = applyPlanAction({ designId: d.id, clusterId: c.id, planHash: plan.plan.hash, confirmDeletions: [] });
    // As soon as three topics exist, two of the three brokers die (the controller quorum is lost). Topics are
    // created one after another, so the first two creates have surely been answered: the run has steps done
    // (the first topic alone could exist before its answer reached the apply, which then counted none).
    for (let seen = false; !seen; ) {
      seen = (await watcher.listTopics()).filter((t) => t.startsWith(prefix)).length >= 3;
      if (!seen) await new Promise((r) => setTimeout(r, 10));
    }
    await killNode(THREE, 2);
    await killNode(THREE, 3);
    await watcher.disconnect().catch(() => {});

    const partial = unwrap(await applying);
    const counts = (s: string) => partial.results.filter((r) => r.status === s).length;
    expect(partial.status).toBe("partial");
    expect(counts("done")).toBeGreaterThan(0);
    expect(counts("done")).toBeLessThan(N);
    expect(counts("failed") + counts("skipped")).toBe(N - counts("done"));
    expect(partial.results.find((r) => r.status === "failed")?.message).toBeTruthy();

    // Bring the brokers back; the retry applies only what is still missing, and then all is in sync.
    // Creates the controller had taken before it lost its quorum may still land as it comes back, so the
    // cluster can change between a plan and its apply: the apply then refuses ("review the new plan"), and the
    // user plans again — as here, a few times at most.
    await ensureKafka(THREE);
    await allBrokersAnswer();
    let second: Awaited<ReturnType<typeof applyPlanAction>> | null = null;
    for (let attempt = 1; attempt <= 5 && !second?.ok; attempt++) {
      if (attempt > 1) await new Promise((r) => setTimeout(r, 1000));
      const retry = await computePlan(d.id);
      expect(retry.plan.changes.length).toBeLessThanOrEqual(N - counts("done"));
      expect(retry.plan.changes.every((ch) => ch.kind === "createTopic")).toBe(true);
      second = await applyPlanAction({ designId: d.id, clusterId: c.id, planHash: retry.plan.hash, confirmDeletions: [] });
      if (!second.ok) expect(second.error.code).toBe("CONFLICT");
    }
    expect(["succeeded", "no-op"]).toContain(unwrap(second!).status);
    expect((await computePlan(d.id)).plan.changes).toEqual([]);
  }, 180_000);
});
