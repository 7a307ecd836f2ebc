import { performance as nodePerformance } from "node:perf_hooks";
import { Kafka, logLevel } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as scanRoute } from "@/app/api/clusters/[id]/scan/route";
import type { Cluster } from "@/prisma/generated/client";
import { brokers, makeCluster, unique, withAdmin } from "@/server/test-support/fixtures";
import { readSse } from "@/server/test-support/sse";
import { FilterRun } from "./filter-pool";

// Users' expressions run in worker threads with budgets: the server's own event loop keeps answering while the
// worst expression runs, the worker over budget is ended and replaced, and the search says why.

let cluster: Cluster;
const topic = unique("filters");
const list = Array.from({ length: 30 }, (_, i) => i);
// Five nested comprehensions over 30 elements: 24 million steps on one message (about 9 s on one core).
const HEAVY = "value.l.exists(a, value.l.exists(b, value.l.exists(c, value.l.exists(d, value.l.exists(e, a + b + c + d + e < 0)))))";

beforeAll(async () => {
  cluster = await makeCluster();
  await withAdmin((a) => a.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] }));
  const producer = new Kafka({ brokers: brokers().split(","), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  await producer.send({
    topic,
    messages: [
      { key: "list", value: JSON.stringify({ l: list, s: `${"a".repeat(40)}!` }) },
      { key: "small", value: JSON.stringify({ l: [1], s: "aaa" }) },
    ],
  });
  await producer.disconnect();
});

function search(q: Record<string, unknown>) {
  const url = `http://test/api/clusters/${cluster.id}/scan?q=${encodeURIComponent(JSON.stringify({ topic, ...q }))}`;
  return scanRoute(new Request(url), { params: Promise.resolve({ id: cluster.id }) });
}

/** How long this thread's event loop was busy while `work` ran, against the time it took (its own work only). */
async function loopBusy<T>(work: () => Promise<T>): Promise<{ result: T; activeMs: number; tookMs: number }> {
  const before = nodePerformance.eventLoopUtilization();
  const started = performance.now();
  const result = await work();
  return { result, activeMs: nodePerformance.eventLoopUtilization(before).active, tookMs: performance.now() - started };
}

let previousBudget: string | undefined;
beforeAll(() => {
  previousBudget = process.env.TOPIARY_FILTER_MESSAGE_MS;
  process.env.TOPIARY_FILTER_MESSAGE_MS = "300";
});
afterAll(() => {
  if (previousBudget === undefined) delete process.env.TOPIARY_FILTER_MESSAGE_MS;
  else process.env.TOPIARY_FILTER_MESSAGE_MS = previousBudget;
});

describe("filter expressions in the worker pool", () => {
  it("ends a search whose expression is over the per-message budget, without holding the server's event loop", async () => {
    const { result: events, activeMs, tookMs: took } = await loopBusy(async () => readSse(await search({ expression: HEAVY })));
    const error = events.find((e) => e.event === "error")?.data as { code: string; message: string } | undefined;
    expect(error?.code).toBe("TOO_COSTLY");
    expect(error?.message).toMatch(/took longer than 300 ms on one message \(partition 0, offset 0\); simplify it/);
    // Budget plus the watchdog's tick and a worker's start, far below the expression's seconds.
    expect(took).toBeLessThan(3000);
    // The expression ran for its whole budget in a worker: this thread was idle for most of the search.
    expect(took).toBeGreaterThan(300);
    expect(activeMs).toBeLessThan(took * 0.5);
  });

  it("keeps working after a worker was ended: the next search runs on a fresh one", async () => {
    const events = await readSse(await search({ expression: "size(value.l) == 1" }));
    const done = events.find((e) => e.event === "done")?.data as { reason: string; matched: number };
    expect(done).toMatchObject({ reason: "completed", matched: 1 });
  });

  it("evaluates matches() in linear time: the classic catastrophic pattern is instant", async () => {
    const started = Date.now();
    const events = await readSse(await search({ expression: 'value.s.matches("^(a+)+$")' }));
    const done = events.find((e) => e.event === "done")?.data as { reason: string; matched: number };
    expect(done).toMatchObject({ reason: "completed", matched: 1 }); // "aaa" matches; "aaaa…!" does not
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("ends a running batch when the search's own deadline passes, whatever the per-message budget", async () => {
    const run = new FilterRun(HEAVY, { deadline: Date.now() + 400, messageBudgetMs: 60_000 });
    const enc = new TextEncoder();
    const started = Date.now();
    const verdicts = await run.evaluate(0, [{ key: null, value: enc.encode(JSON.stringify({ l: list })), headers: {}, offset: 0, timestamp: 0 }]);
    expect(verdicts).toBeNull();
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("ends a running batch when the search is stopped", async () => {
    const stop = new AbortController();
    const run = new FilterRun(HEAVY, { deadline: Date.now() + 60_000, messageBudgetMs: 60_000, signal: stop.signal });
    const enc = new TextEncoder();
    setTimeout(() => stop.abort(), 200);
    const started = Date.now();
    expect(await run.evaluate(0, [{ key: null, value: enc.encode(JSON.stringify({ l: list })), headers: {}, offset: 0, timestamp: 0 }])).toBeNull();
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("the search's time limit holds while an expression runs", async () => {
    process.env.TOPIARY_FILTER_MESSAGE_MS = "10000"; // the most it may be
    try {
      const started = Date.now();
      const events = await readSse(await search({ expression: HEAVY, maxDurationMs: 500 }));
      const done = events.find((e) => e.event === "done")?.data as { reason: string };
      expect(done.reason).toBe("timeout");
      expect(Date.now() - started).toBeLessThan(2500);
    } finally {
      process.env.TOPIARY_FILTER_MESSAGE_MS = "300";
    }
  });
});
