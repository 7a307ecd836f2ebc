import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testConnectionAction } from "@/server/actions/cluster-actions";
import { brokers, makeCluster } from "@/server/test-support/fixtures";

// A TCP listener on loopback that accepts connections and never answers: a hung broker.
let silent: net.Server;
let silentPort = 0;
const sockets = new Set<net.Socket>();
beforeAll(async () => {
  silent = net.createServer((s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
  silentPort = (silent.address() as net.AddressInfo).port;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => silent.close(r));
});

async function timed<T>(fn: () => Promise<T>) {
  const t0 = Date.now();
  const result = await fn();
  return { result, ms: Date.now() - t0 };
}

describe("test connection", () => {
  it("answers with the cluster id and broker count of the real broker", async () => {
    const { result, ms } = await timed(() => testConnectionAction({ connection: { bootstrapServers: brokers() } }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.clusterId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(result.data.brokerCount).toBe(brokers().split(",").length);
    expect(ms).toBeLessThan(10_000);
  });

  it("reports a refused port as unreachable within 10 s", async () => {
    const { result, ms } = await timed(() => testConnectionAction({ connection: { bootstrapServers: "127.0.0.1:1" } }));
    expect(result).toEqual({ ok: false, error: { code: "KAFKA_UNREACHABLE", message: "Connection refused at 127.0.0.1:1: no Kafka broker is listening there." } });
    expect(ms).toBeLessThan(10_000);
  });

  it("gives up on a broker that never answers within 10 s, with a timeout error", async () => {
    const { result, ms } = await timed(() => testConnectionAction({ connection: { bootstrapServers: `127.0.0.1:${silentPort}` } }));
    expect(result).toMatchObject({ ok: false, error: { code: "KAFKA_TIMEOUT", message: expect.stringContaining("No answer") } });
    expect(ms).toBeLessThan(10_000);
  }, 15_000);

  it("says a port that is not Kafka (an HTTP server) does not look like a Kafka broker", async () => {
    const web = http.createServer((_, res) => res.end("hello"));
    await new Promise<void>((r) => web.listen(0, "127.0.0.1", r));
    const port = (web.address() as net.AddressInfo).port;
    try {
      const { result, ms } = await timed(() => testConnectionAction({ connection: { bootstrapServers: `127.0.0.1:${port}` } }));
      expect(result).toMatchObject({ ok: false, error: { code: "KAFKA_UNREACHABLE", message: expect.stringContaining("this does not look like a Kafka broker") } });
      expect(ms).toBeLessThan(10_000);
    } finally {
      web.close();
    }
  });

  it("reports TLS spoken to a plaintext listener as an error within 10 s", async () => {
    const { result, ms } = await timed(() =>
      testConnectionAction({ connection: { bootstrapServers: brokers().split(",")[0], tls: { enabled: true, rejectUnauthorized: true } } }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(["KAFKA_TLS_FAILED", "KAFKA_UNREACHABLE", "KAFKA_TIMEOUT"]).toContain(result.error.code);
    expect(result.error.message).not.toMatch(/\n\s+at /); // never a stack
    expect(ms).toBeLessThan(10_000);
  }, 15_000);

  it("reports SASL against a broker without SASL as an authentication failure, without echoing the password", async () => {
    const { result, ms } = await timed(() =>
      testConnectionAction({
        connection: { bootstrapServers: brokers().split(",")[0], sasl: { mechanism: "scram-sha-256", username: "alice", password: "pa55-word-xyz" } },
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("KAFKA_AUTH_FAILED");
    expect(JSON.stringify(result)).not.toContain("pa55-word-xyz");
    expect(ms).toBeLessThan(10_000);
  }, 15_000);

  it("uses the stored secret of a saved cluster when the form leaves it blank", async () => {
    const c = await makeCluster();
    const r = await testConnectionAction({ clusterId: c.id, connection: { bootstrapServers: c.bootstrapServers } });
    expect(r.ok).toBe(true);
  });
});
