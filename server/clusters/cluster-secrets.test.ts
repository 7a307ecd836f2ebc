import crypto from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as getClusterRoute } from "@/app/api/clusters/[id]/route";
import { GET as listClustersRoute } from "@/app/api/clusters/route";
import { GET as listTopicsRoute } from "@/app/api/clusters/[id]/topics/route";
import { createClusterAction, testConnectionAction, updateClusterAction } from "@/server/actions/cluster-actions";
import { sealPlaintextSecrets } from "@/server/clusters/seal-plaintext-secrets";
import { openSecret, sealSecret } from "@/server/crypto/secret-box";
import { prisma } from "@/server/db/prisma";
import { brokers, unique } from "@/server/test-support/fixtures";
import { callRoute } from "@/server/test-support/topics";

const broker = () => brokers().split(",")[0];
const FAKE_KEY_PEM = "-----BEGIN PRIVATE KEY-----\nTUlJRXZRSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NCS2N3Z2dTakFnRUFBb0lCQVFD\n-----END PRIVATE KEY-----";

/** Everything written to stdout and stderr (the logger's outputs) while `fn` runs, and what `fn` returned. */
async function capturingLogs<T>(fn: () => Promise<T>): Promise<{ result: T; logs: string }> {
  vi.stubEnv("TOPIARY_LOG_LEVEL", "debug");
  const chunks: string[] = [];
  const capture = (chunk: unknown) => {
    chunks.push(String(chunk));
    return true;
  };
  const out = vi.spyOn(process.stdout, "write").mockImplementation(capture);
  const err = vi.spyOn(process.stderr, "write").mockImplementation(capture);
  try {
    return { result: await fn(), logs: chunks.join("") };
  } finally {
    out.mockRestore();
    err.mockRestore();
    vi.unstubAllEnvs();
  }
}

async function createWithPassword(password: string) {
  const r = await createClusterAction({
    name: unique("secrets"),
    connection: { bootstrapServers: broker(), sasl: { mechanism: "scram-sha-256", username: "alice", password } },
  });
  if (!r.ok) throw new Error(`create failed: ${r.error.message}`);
  return r;
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("cluster secrets at rest", () => {
  it("stores the SASL password and the TLS key encrypted, and opens them for the Kafka client only", async () => {
    const password = `pw-${crypto.randomBytes(6).toString("hex")}`;
    const created = await createWithPassword(password);
    const row = await prisma.cluster.findUniqueOrThrow({ where: { id: created.data.id } });
    expect(row.saslPassword).toMatch(/^v1:/);
    expect(row.saslPassword).not.toContain(password);
    expect(openSecret(row.saslPassword!)).toBe(password);

    const tls = await createClusterAction({
      name: unique("secrets-tls"),
      connection: { bootstrapServers: broker(), tls: { enabled: true, rejectUnauthorized: true, cert: "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----", key: FAKE_KEY_PEM } },
    });
    expect(tls.ok).toBe(true);
    if (!tls.ok) return;
    expect(JSON.stringify(tls)).not.toContain("PRIVATE KEY");
    expect(tls.data.tls.hasKey).toBe(true);
    const tlsRow = await prisma.cluster.findUniqueOrThrow({ where: { id: tls.data.id } });
    expect(tlsRow.tlsKey).toMatch(/^v1:/);
    expect(tlsRow.tlsKey).not.toContain("PRIVATE KEY");
    expect(openSecret(tlsRow.tlsKey!)).toBe(FAKE_KEY_PEM);
  });

  it("never sends the password, nor its sealed form, in action answers or the list and get routes", async () => {
    const password = `pw-${crypto.randomBytes(6).toString("hex")}`;
    const created = await createWithPassword(password);
    const id = created.data.id;
    const sealed = (await prisma.cluster.findUniqueOrThrow({ where: { id } })).saslPassword!;
    const answers: unknown[] = [created];

    const list = await callRoute<Array<{ id: string; sasl: { hasPassword: boolean } | null }>>(listClustersRoute, "/api/clusters", {});
    expect(list.status).toBe(200);
    expect(list.body.find((c) => c.id === id)?.sasl?.hasPassword).toBe(true);
    const one = await callRoute<{ id: string; sasl: { hasPassword: boolean } }>(getClusterRoute, `/api/clusters/${id}`, { id });
    expect(one).toMatchObject({ status: 200, body: { id, sasl: { mechanism: "scram-sha-256", username: "alice", hasPassword: true } } });
    answers.push(list.body, one.body);

    // An edit that leaves the password blank keeps the stored value as it was (not opened, not sealed again).
    const kept = await updateClusterAction({ id, name: created.data.name, connection: { bootstrapServers: broker(), sasl: { mechanism: "scram-sha-256", username: "bob" } } });
    expect(kept).toMatchObject({ ok: true, data: { sasl: { username: "bob", hasPassword: true } } });
    expect((await prisma.cluster.findUniqueOrThrow({ where: { id } })).saslPassword).toBe(sealed);
    answers.push(kept);

    for (const answer of answers) {
      const json = JSON.stringify(answer);
      expect(json).not.toContain(password);
      expect(json).not.toContain(sealed);
      expect(json).not.toContain(sealed.split(":")[3]);
    }
  });

  it("keeps the password out of the log and of the answer when connecting with it fails", async () => {
    const password = `pw-${crypto.randomBytes(6).toString("hex")}`;
    const { result: created, logs: createLogs } = await capturingLogs(() => createWithPassword(password));
    const id = created.data.id;
    expect(createLogs).toContain("cluster created"); // the capture works

    // The stored password is used (the form leaves it blank); the broker has no SASL, so authentication fails.
    const { result: tested, logs: testLogs } = await capturingLogs(() =>
      testConnectionAction({ clusterId: id, connection: { bootstrapServers: broker(), sasl: { mechanism: "scram-sha-256", username: "alice" } } }),
    );
    expect(tested).toMatchObject({ ok: false, error: { code: "KAFKA_AUTH_FAILED" } });

    // Through the shared client of the saved cluster too, where failures are logged.
    const { result: topics, logs: topicLogs } = await capturingLogs(() => callRoute(listTopicsRoute, `/api/clusters/${id}/topics`, { id }));
    expect(topics.status).toBeGreaterThanOrEqual(400);
    expect(topicLogs).toMatch(/"level":"(warn|error)"/);

    for (const text of [createLogs, testLogs, topicLogs, JSON.stringify(tested), JSON.stringify(topics)]) expect(text).not.toContain(password);
  }, 30_000);

  it("asks for the secret again when it cannot be decrypted, and accepts it re-entered", async () => {
    const created = await createWithPassword("first-password");
    const id = created.data.id;
    vi.stubEnv("TOPIARY_SECRET_KEY", crypto.randomBytes(32).toString("base64"));
    const otherKey = sealSecret("sealed-with-another-key");
    vi.unstubAllEnvs();
    await prisma.cluster.update({ where: { id }, data: { saslPassword: otherKey } });

    const r = await testConnectionAction({ clusterId: id, connection: { bootstrapServers: broker(), sasl: { mechanism: "scram-sha-256", username: "alice" } } });
    expect(r).toEqual({
      ok: false,
      error: {
        code: "INTERNAL",
        message: `The stored SASL password of cluster "${created.data.name}" cannot be decrypted: it was stored with a different secret key or has been altered. Re-enter it in the cluster's settings.`,
      },
    });
    expect(JSON.stringify(r)).not.toContain(otherKey.split(":")[3]);

    const fixed = await updateClusterAction({ id, name: created.data.name, connection: { bootstrapServers: broker(), sasl: { mechanism: "scram-sha-256", username: "alice", password: "re-entered" } } });
    expect(fixed.ok).toBe(true);
    expect(openSecret((await prisma.cluster.findUniqueOrThrow({ where: { id } })).saslPassword!)).toBe("re-entered");
  });

  it("encrypts secrets stored in plain text by an older version, once, at start-up", async () => {
    const legacy = await prisma.cluster.create({
      data: { name: unique("legacy"), bootstrapServers: broker(), saslMechanism: "plain", saslUsername: "u", saslPassword: "legacy-plain-pw", tlsEnabled: true, tlsKey: FAKE_KEY_PEM },
    });
    await sealPlaintextSecrets();
    const row = await prisma.cluster.findUniqueOrThrow({ where: { id: legacy.id } });
    expect(row.saslPassword).toMatch(/^v1:/);
    expect(row.tlsKey).toMatch(/^v1:/);
    expect(openSecret(row.saslPassword!)).toBe("legacy-plain-pw");
    expect(openSecret(row.tlsKey!)).toBe(FAKE_KEY_PEM);

    await sealPlaintextSecrets(); // already sealed: left as they are
    expect(await prisma.cluster.findUniqueOrThrow({ where: { id: legacy.id } })).toMatchObject({ saslPassword: row.saslPassword, tlsKey: row.tlsKey });
  });
});
