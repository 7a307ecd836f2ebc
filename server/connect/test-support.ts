// Helpers for the Kafka Connect integration tests (never imported by the app). They run against the real worker
// the test setup starts (scripts/test/global-setup.ts: CONNECT_URL, a worker on 18083 for the test broker).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { prisma } from "@/server/db/prisma";
import { unique } from "@/server/test-support/fixtures";

export function connectUrl(): string {
  const url = process.env.CONNECT_URL;
  if (!url) throw new Error("No Kafka Connect worker for this run: set CONNECT_URL, or run the connect tests without other file filters (the setup starts one for them)");
  return url;
}

/** A Connect cluster row for the test worker under a Kafka cluster. */
export async function makeConnectCluster(clusterId: string, opts: { url?: string } = {}) {
  return prisma.connectCluster.create({ data: { clusterId, name: unique("connect"), url: opts.url ?? connectUrl() } });
}

/** A fresh folder the worker (same machine, same user) reads and writes. */
export function scratchDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "topiary-connect-"));
}

/** Straight to Connect's REST API, to check what really happened there (not through Topiary). */
export async function connectRest(method: string, urlPath: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${connectUrl()}${urlPath}`, {
    method,
    headers: { "content-type": "application/json", accept: "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** Polls until `check` gives a value (not undefined/false), or fails with what it last saw. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ""}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/**
 * Deletes the test's connectors from the worker (they would otherwise outlive the run in its config topic), one
 * at a time and again while the workers rebalance (Connect answers 409 or 500 then).
 */
export async function deleteConnectors(names: string[]): Promise<void> {
  for (const n of names) {
    for (let attempt = 0; attempt < 10; attempt++) {
      const r = await connectRest("DELETE", `/connectors/${encodeURIComponent(n)}`).catch(() => null);
      if (r && (r.status === 204 || r.status === 404)) break;
      await new Promise((res) => setTimeout(res, 500));
    }
  }
}

/** Creates a connector straight on the worker (set-up for a test), again while the workers rebalance. */
export async function putConnector(name: string, config: Record<string, string>): Promise<void> {
  let last: unknown;
  for (let attempt = 0; attempt < 10; attempt++) {
    const r = await connectRest("PUT", `/connectors/${encodeURIComponent(name)}/config`, config).catch((e) => ({ status: 0, body: String(e) }));
    if (r.status === 201 || r.status === 200) return;
    last = r.body;
    await new Promise((res) => setTimeout(res, 500));
  }
  throw new Error(`creating connector ${name}: ${JSON.stringify(last)}`);
}
