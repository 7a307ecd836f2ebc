import { z } from "zod";
import { openSecret } from "@/server/crypto/secret-box";
import { describe, expect, it } from "vitest";
import { createClusterAction, deleteClusterAction, updateClusterAction } from "@/server/actions/cluster-actions";
import { createTopicAction } from "@/server/actions/topic-actions";
import { prisma } from "@/server/db/prisma";
import { guardedAction } from "@/server/guard/guarded-action";
import { makeCluster, unique, withAdmin } from "@/server/test-support/fixtures";

describe("the guarded action path", () => {
  it("refuses invalid input with the field that is wrong, before any work", async () => {
    const r = await createClusterAction({ name: "x", connection: { bootstrapServers: "not a host" } });
    expect(r).toEqual({
      ok: false,
      error: { code: "VALIDATION", message: expect.stringContaining("connection.bootstrapServers"), fieldErrors: expect.objectContaining({ "connection.bootstrapServers": expect.any(String) }) },
    });
    expect(await createClusterAction(null as never)).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
  });

  it("returns data on success and never a secret", async () => {
    const name = unique("c");
    const r = await createClusterAction({
      name,
      connection: { bootstrapServers: "localhost:9092", sasl: { mechanism: "scram-sha-512", username: "svc", password: "hunter2-secret" } },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data).toMatchObject({ name, sasl: { mechanism: "scram-sha-512", username: "svc", hasPassword: true } });
    expect(JSON.stringify(r)).not.toContain("hunter2-secret");
    // Stored on the server, though: encrypted.
    const row = await prisma.cluster.findUniqueOrThrow({ where: { id: r.data.id } });
    expect(row.saslPassword).toMatch(/^v1:/);
    expect(openSecret(row.saslPassword!)).toBe("hunter2-secret");
  });

  it("keeps a stored secret when an edit leaves it blank", async () => {
    const c = await makeCluster({ saslPassword: "keep-me" });
    const r = await updateClusterAction({
      id: c.id,
      name: c.name,
      readOnly: true,
      connection: { bootstrapServers: c.bootstrapServers, sasl: { mechanism: "scram-sha-256", username: "u" } },
    });
    expect(r).toMatchObject({ ok: true, data: { readOnly: true, sasl: { mechanism: "scram-sha-256", hasPassword: true } } });
    const row = await prisma.cluster.findUniqueOrThrow({ where: { id: c.id } });
    expect(openSecret(row.saslPassword!)).toBe("keep-me");
  });

  it("refuses a duplicate cluster name", async () => {
    const c = await makeCluster();
    const r = await createClusterAction({ name: c.name, connection: { bootstrapServers: "a:1" } });
    expect(r).toMatchObject({ ok: false, error: { code: "CONFLICT", fieldErrors: { name: expect.any(String) } } });
  });

  it("answers NOT_FOUND for a cluster that does not exist", async () => {
    const r = await createTopicAction({ clusterId: "doesnotexist", name: "t", partitions: 1, replicationFactor: 1 });
    expect(r).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  it("refuses a mutation on a read-only cluster on the server, and Kafka is untouched", async () => {
    const c = await makeCluster({ readOnly: true });
    const topic = unique("ro-topic");
    const r = await createTopicAction({ clusterId: c.id, name: topic, partitions: 1, replicationFactor: 1 });
    expect(r).toEqual({ ok: false, error: { code: "READ_ONLY", message: `Cluster "${c.name}" is read-only: changes to it are refused.` } });
    expect(await withAdmin((a) => a.listTopics())).not.toContain(topic);
  });

  it("lets the same mutation through on a writable cluster", async () => {
    const c = await makeCluster();
    const topic = unique("rw-topic");
    const r = await createTopicAction({ clusterId: c.id, name: topic, partitions: 2, replicationFactor: 1 });
    expect(r).toEqual({ ok: true, data: { name: topic } });
    const meta = await withAdmin((a) => a.fetchTopicMetadata({ topics: [topic] }));
    expect(meta.topics[0].partitions).toHaveLength(2);
  });

  it("hides unexpected errors behind a generic message (no stack, no detail)", async () => {
    const action = guardedAction({ name: "boom", input: z.object({}), permission: "clusters:read" }, async () => {
      throw new Error("password=swordfish at /srv/app.js:1");
    });
    const r = await action({});
    expect(r).toEqual({ ok: false, error: { code: "INTERNAL", message: expect.stringContaining("Something went wrong") } });
    expect(JSON.stringify(r)).not.toContain("swordfish");
  });

  it("removes a cluster only when its name is typed back", async () => {
    const c = await makeCluster();
    expect(await deleteClusterAction({ id: c.id, confirmName: "wrong" })).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
    expect(await prisma.cluster.findUnique({ where: { id: c.id } })).not.toBeNull();
    expect(await deleteClusterAction({ id: c.id, confirmName: c.name })).toEqual({ ok: true, data: { id: c.id } });
    expect(await prisma.cluster.findUnique({ where: { id: c.id } })).toBeNull();
  });
});
