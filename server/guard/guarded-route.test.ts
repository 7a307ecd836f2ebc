// Route handlers that change state: no such route exists yet, so the test builds one with guardedRoute and calls
// it as Next would, with sign-in on. Refused requests never reach the handler.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { userWithRoles, withSignInOn } from "@/server/test-support/auth";
import { makeCluster } from "@/server/test-support/fixtures";
import { MAX_ROUTE_BODY_BYTES } from "./check-state-changing-request";
import { guardedRoute } from "./guarded-route";

let restore: () => void;
beforeAll(() => {
  restore = withSignInOn();
});
afterAll(() => restore());

const calls: unknown[] = [];
const handler = guardedRoute(
  { name: "testNote", input: z.object({ id: z.string(), note: z.string().max(2_000_000).default("") }), permission: "clusters:read", clusterId: (i) => i.id },
  async (input) => {
    calls.push(input);
    return { saved: input };
  },
);

const ORIGIN = "http://localhost";

async function call(opts: { method?: string; clusterId: string; token: string | null; headers?: Record<string, string>; body?: BodyInit; duplex?: boolean }) {
  const headers: Record<string, string> = { ...(opts.token ? { cookie: `topiary_session=${encodeURIComponent(opts.token)}` } : {}), ...opts.headers };
  const init: RequestInit & { duplex?: "half" } = { method: opts.method ?? "POST", headers, body: opts.body, ...(opts.duplex ? { duplex: "half" } : {}) };
  const res = await handler(new Request(`${ORIGIN}/api/clusters/${opts.clusterId}/notes`, init), { params: Promise.resolve({ id: opts.clusterId }) });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string }; saved?: unknown } };
}

const json = { origin: ORIGIN, "content-type": "application/json" };

describe("a guarded route that changes state", () => {
  let clusterId: string;
  let token: string;
  beforeAll(async () => {
    clusterId = (await makeCluster()).id;
    token = (await userWithRoles([{ clusterId: null, role: "viewer" }])).token;
  });

  it("runs for a same-origin JSON request with a session; the URL's params win over the body's", async () => {
    const r = await call({ clusterId, token, headers: { ...json, "content-type": "application/json; charset=utf-8" }, body: JSON.stringify({ id: "other-cluster", note: "hello" }) });
    expect(r).toEqual({ status: 200, body: { saved: { id: clusterId, note: "hello" } } });
    // Behind a proxy the browser's host is the forwarded one.
    const proxied = await call({ clusterId, token, headers: { ...json, origin: "https://kafka.example.com", "x-forwarded-host": "kafka.example.com" }, body: "{}" });
    expect(proxied.status).toBe(200);
  });

  it("403 for a cross-origin request, or one without an Origin", async () => {
    const before = calls.length;
    for (const origin of ["http://evil.example", "http://localhost.evil.example", "null", ""]) {
      const r = await call({ clusterId, token, headers: { ...json, origin }, body: JSON.stringify({ note: "x" }) });
      expect(r.status, origin).toBe(403);
      expect(r.body.error).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("Origin") });
    }
    const noOrigin = await call({ clusterId, token, headers: { "content-type": "application/json" }, body: "{}" });
    expect(noOrigin.status).toBe(403);
    expect(calls.length).toBe(before);
  });

  it("415 unless the body is declared JSON (as a cross-site form cannot)", async () => {
    const before = calls.length;
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonp"]) {
      const r = await call({ clusterId, token, headers: { origin: ORIGIN, "content-type": type }, body: JSON.stringify({ note: "x" }) });
      expect(r.status, type).toBe(415);
      expect(r.body.error).toMatchObject({ code: "VALIDATION", message: expect.stringContaining("application/json") });
    }
    expect((await call({ clusterId, token, headers: { origin: ORIGIN }, body: "{}" })).status).toBe(415);
    expect(calls.length).toBe(before);
  });

  it("413 for a body over the bound: by its content-length, and by the bytes actually read", async () => {
    const before = calls.length;
    const declared = await call({ clusterId, token, headers: { ...json, "content-length": String(MAX_ROUTE_BODY_BYTES + 1) }, body: "{}" });
    expect(declared.status).toBe(413);
    expect(declared.body.error?.message).toContain("larger than 1 MB");

    // No content-length (a stream), or one that lies: counted while reading.
    const big = JSON.stringify({ note: "x".repeat(MAX_ROUTE_BODY_BYTES) });
    const chunks = [big.slice(0, 500_000), big.slice(500_000)];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    expect((await call({ clusterId, token, headers: json, body: stream, duplex: true })).status).toBe(413);
    expect((await call({ clusterId, token, headers: { ...json, "content-length": "10" }, body: big })).status).toBe(413);
    expect(calls.length).toBe(before);

    // Just under the bound is read.
    const fits = JSON.stringify({ note: "x".repeat(MAX_ROUTE_BODY_BYTES - 100) });
    expect((await call({ clusterId, token, headers: json, body: fits })).status).toBe(200);
  });

  it("400 for a body that is not a JSON object", async () => {
    for (const body of ["{", "[1,2]", "\"text\"", "null", ""]) {
      const r = await call({ clusterId, token, headers: json, body });
      expect(r.status, body).toBe(400);
      expect(r.body.error?.code).toBe("VALIDATION");
    }
  });

  it("401 without a session, 403 without a role on the cluster", async () => {
    const before = calls.length;
    const anonymous = await call({ clusterId, token: null, headers: json, body: "{}" });
    expect(anonymous).toMatchObject({ status: 401, body: { error: { code: "UNAUTHENTICATED" } } });
    const other = await makeCluster();
    const stranger = await userWithRoles([{ clusterId: other.id, role: "admin" }]);
    expect((await call({ clusterId, token: stranger.token, headers: json, body: "{}" })).status).toBe(403);
    expect(calls.length).toBe(before);
  });

  it("GET is as before: no Origin, content type or body needed", async () => {
    const r = await call({ method: "GET", clusterId, token, headers: {} });
    expect(r).toEqual({ status: 200, body: { saved: { id: clusterId, note: "" } } });
  });
});
