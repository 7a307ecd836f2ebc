// Liveness, readiness and the shutdown's stream closing, in this process against the real broker and store. (The
// SIGTERM of a whole server process, and its lease handed over, is in server/groups/multi-instance.test.ts.)
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { GET as healthRoute } from "@/app/api/health/route";
import { GET as readyRoute } from "@/app/api/health/ready/route";
import { sampleCluster } from "@/server/groups/lag-sampler";
import { stateWritten } from "@/server/groups/lag-state-writer";
import { instanceId } from "@/server/groups/sampler-lease";
import { closeOpenStreams, guardedStream } from "@/server/guard/guarded-stream";
import { makeCluster } from "@/server/test-support/fixtures";
import { callRoute } from "@/server/test-support/topics";
import type { Readiness } from "./readiness";

describe("health and readiness", () => {
  it("liveness answers without the store; readiness names the store, who samples each cluster and how old its sample is", async () => {
    expect(await callRoute(healthRoute, "/api/health", {})).toEqual({ status: 200, body: { ok: true } });

    const sampled = await makeCluster();
    await sampleCluster(sampled);
    // The round's state is stored behind it.
    expect(await stateWritten(sampled.id)).toMatchObject({ written: true });
    const never = await makeCluster({ bootstrap: "127.0.0.1:1" });
    const started = Date.now();
    const { status, body } = await callRoute<Readiness>(readyRoute, "/api/health/ready", {});
    // A cluster nobody can reach costs readiness nothing: no Kafka request is made.
    expect(Date.now() - started).toBeLessThan(1500);
    expect(status).toBe(200);
    expect(body).toMatchObject({ ready: true, shuttingDown: false, instance: instanceId(), store: { ok: true, kind: process.env.DATABASE_URL!.startsWith("postgres") ? "postgres" : "sqlite" } });
    expect(body.clusters.find((c) => c.id === sampled.id)).toMatchObject({ name: sampled.name, sampler: "this instance", state: "current", leaseTerm: expect.any(Number) });
    expect(body.clusters.find((c) => c.id === sampled.id)!.lastSampleAgeMs).toBeLessThan(60_000);
    expect(body.clusters.find((c) => c.id === never.id)).toMatchObject({ sampler: "nobody", state: "none", lastSampleAgeMs: null });
    expect(body.degraded).toBe(true);
  });

  it("says not ready (503) from the moment a shutdown starts", async () => {
    const g = globalThis as unknown as { topiaryShutdown?: Promise<void> };
    g.topiaryShutdown = Promise.resolve();
    try {
      const { status, body } = await callRoute<Readiness>(readyRoute, "/api/health/ready", {});
      expect(status).toBe(503);
      expect(body).toMatchObject({ ready: false, shuttingDown: true, store: { ok: true } });
    } finally {
      delete g.topiaryShutdown;
    }
  });

  it("a shutdown ends open event streams with a retry hint and an error saying why, and aborts their work", async () => {
    let aborted = false;
    const route = guardedStream(
      { name: "testStream", input: z.object({}), permission: "public" },
      async () => null,
      async (_, send, signal) => {
        send("progress", { n: 1 });
        await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve()));
        aborted = true;
      },
    );
    const res = await route(new Request("http://localhost/api/test-stream"), { params: Promise.resolve({}) });
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain("event: progress");
    expect(closeOpenStreams(2000)).toBeGreaterThanOrEqual(1);
    let rest = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      rest += new TextDecoder().decode(value);
    }
    expect(rest).toMatch(/^retry: 2000\nevent: error\ndata: \{"code":"BUSY","message":"This console instance is shutting down\./);
    await expect.poll(() => aborted).toBe(true);
    // Closed streams are not closed twice.
    expect(closeOpenStreams(2000)).toBe(0);
  });
});
