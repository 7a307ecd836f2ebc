// The audit log against the real broker and SQLite: changes write records through the guarded path (also when
// refused or failed), the route filters them, and nothing in the app changes or removes a record.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as auditRoute from "@/app/api/audit/route";
import type { AuditPage } from "@/lib/audit/audit-query";
import { unwrap } from "@/lib/errors/action-result";
import { createDesignAction, deleteDesignAction, renameDesignAction, saveLayoutAction, saveTopologyAction } from "@/server/actions/design-actions";
import { produceMessageAction } from "@/server/actions/message-actions";
import { resetGroupOffsetsAction } from "@/server/actions/offset-actions";
import { addPartitionsAction, alterTopicConfigAction, createTopicAction } from "@/server/actions/topic-actions";
import { listAuditFacets } from "@/server/audit/list-audit-facets";
import { prisma } from "@/server/db/prisma";
import { makeCluster, unique, withAdmin } from "@/server/test-support/fixtures";
import { callRoute, produce } from "@/server/test-support/topics";

const LOCAL_USER = "local user";
const recordsFor = (action: string, target: string) => prisma.auditRecord.findMany({ where: { action, target }, orderBy: { id: "asc" } });
const audit = (query: Record<string, string>) => callRoute<AuditPage & { error?: { code: string } }>(auditRoute.GET, `/api/audit?${new URLSearchParams(query)}`, {});

describe("audit records from the guarded path", () => {
  it("a topic create writes a succeeded record with the user, the cluster and the topic", async () => {
    const c = await makeCluster();
    const topic = unique("audited");
    const before = Date.now();
    expect(await createTopicAction({ clusterId: c.id, name: topic, partitions: 1, replicationFactor: 1 })).toMatchObject({ ok: true });
    const records = await recordsFor("topic.create", topic);
    expect(records).toEqual([
      expect.objectContaining({ username: LOCAL_USER, userId: null, clusterId: c.id, clusterName: c.name, target: topic, outcome: "succeeded", detail: null }),
    ]);
    expect(records[0].at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect((await withAdmin((a) => a.listTopics())).includes(topic)).toBe(true);
  });

  it("a topic create on an unreachable cluster writes a failed record with the error shown to the user", async () => {
    const dead = await makeCluster({ bootstrap: "127.0.0.1:1" });
    const topic = unique("nowhere");
    const r = await createTopicAction({ clusterId: dead.id, name: topic, partitions: 1, replicationFactor: 1 });
    expect(r.ok).toBe(false);
    const message = !r.ok ? r.error.message : "";
    expect(message).not.toBe("");
    expect(await recordsFor("topic.create", topic)).toEqual([
      expect.objectContaining({ username: LOCAL_USER, clusterId: dead.id, clusterName: dead.name, outcome: "failed", detail: message }),
    ]);
  });

  it("a change refused on a read-only cluster writes a refused record, and Kafka is not touched", async () => {
    const ro = await makeCluster({ readOnly: true });
    const topic = unique("ro");
    expect(await createTopicAction({ clusterId: ro.id, name: topic, partitions: 1, replicationFactor: 1 })).toMatchObject({ ok: false, error: { code: "READ_ONLY" } });
    expect(await recordsFor("topic.create", topic)).toEqual([
      expect.objectContaining({ clusterId: ro.id, clusterName: ro.name, outcome: "refused", detail: expect.stringContaining("read-only") }),
    ]);
    expect((await withAdmin((a) => a.listTopics())).includes(topic)).toBe(false);
  });

  it("a produce and an offset reset write records naming the topic, and the group and topic", async () => {
    const c = await makeCluster();
    const topic = unique("produced");
    const group = unique("reset-group");
    unwrap(await createTopicAction({ clusterId: c.id, name: topic, partitions: 1, replicationFactor: 1 }));
    expect(await produceMessageAction({ clusterId: c.id, topic, key: "k", value: "v" })).toMatchObject({ ok: true });
    await produce(topic, 0, 3);
    // A group nobody has joined may have its offsets set.
    expect(await resetGroupOffsetsAction({ clusterId: c.id, groupId: group, topic, offsets: [{ partition: 0, offset: 2 }] })).toMatchObject({ ok: true, data: { reset: 1 } });

    expect(await recordsFor("message.produce", topic)).toEqual([expect.objectContaining({ username: LOCAL_USER, clusterId: c.id, outcome: "succeeded" })]);
    expect(await recordsFor("offsets.reset", `${group} on ${topic}`)).toEqual([expect.objectContaining({ username: LOCAL_USER, clusterId: c.id, outcome: "succeeded" })]);
  });

  it("a config change and added partitions say what changed", async () => {
    const c = await makeCluster();
    const topic = unique("changed");
    unwrap(await createTopicAction({ clusterId: c.id, name: topic, partitions: 1, replicationFactor: 1, configs: { "retention.ms": "604800000" } }));
    unwrap(await alterTopicConfigAction({ clusterId: c.id, topic, set: { "retention.ms": "3600000" }, remove: [] }));
    expect(await recordsFor("topic.config", `${topic}: retention.ms 604800000 → 3600000`)).toHaveLength(1);
    unwrap(await alterTopicConfigAction({ clusterId: c.id, topic, set: {}, remove: ["retention.ms"] }));
    expect(await recordsFor("topic.config", `${topic}: retention.ms reset to default (was 3600000)`)).toHaveLength(1);
    unwrap(await addPartitionsAction({ clusterId: c.id, topic, partitions: 3 }));
    expect(await recordsFor("topic.add-partitions", `${topic}: partitions 1 → 3`)).toHaveLength(1);
  });

  it("design changes are audited too, refused ones included (a missing design)", async () => {
    const name = unique("audited design");
    const d = unwrap(await createDesignAction({ name, from: { kind: "blank" } }));
    expect(await recordsFor("design.create", name)).toEqual([expect.objectContaining({ outcome: "succeeded", clusterId: null })]);
    const missing = unique("nodesign");
    expect(await renameDesignAction({ id: missing, name: "x" })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await recordsFor("design.rename", `${missing} → x`)).toEqual([expect.objectContaining({ outcome: "refused" })]);
    // Records name the design, not its id: a rename says from what to what, a delete what it deleted.
    const renamed = unique("renamed design");
    unwrap(await renameDesignAction({ id: d.id, name: renamed }));
    expect(await recordsFor("design.rename", `${name} → ${renamed}`)).toEqual([expect.objectContaining({ outcome: "succeeded" })]);
    unwrap(await deleteDesignAction({ id: d.id, confirmName: renamed }));
    expect(await recordsFor("design.delete", renamed)).toEqual([expect.objectContaining({ outcome: "succeeded" })]);
  });
});

describe("the audit route", () => {
  it("hides the designer's autosaves unless asked for", async () => {
    const c = await makeCluster();
    const d = unwrap(await createDesignAction({ name: unique("autosaved"), clusterId: c.id, from: { kind: "blank" } }));
    unwrap(await saveTopologyAction({ id: d.id, baseVersion: 1, topology: { nodes: [], edges: [] } }));
    unwrap(await saveLayoutAction({ id: d.id, layout: { positions: {} } }));
    const actions = async (q: Record<string, string>) => (await audit({ cluster: c.id, ...q })).body.records.map((r) => r.action);
    expect(await actions({})).toEqual(["design.create"]);
    expect(await actions({ autosaves: "show" })).toEqual(["design.layout", "design.save", "design.create"]);
    expect(await actions({ action: "design.save" })).toEqual(["design.save"]);
  });

  it("filters by action prefix, outcome, cluster and user, newest first", async () => {
    const c = await makeCluster();
    const ro = await makeCluster({ readOnly: true });
    const ok1 = unique("f-ok1");
    const ok2 = unique("f-ok2");
    const refused = unique("f-ro");
    unwrap(await createTopicAction({ clusterId: c.id, name: ok1, partitions: 1, replicationFactor: 1 }));
    unwrap(await createTopicAction({ clusterId: c.id, name: ok2, partitions: 1, replicationFactor: 1 }));
    expect(await produceMessageAction({ clusterId: c.id, topic: ok1, key: null, value: "v" })).toMatchObject({ ok: true });
    await createTopicAction({ clusterId: ro.id, name: refused, partitions: 1, replicationFactor: 1 });

    // Every change on the cluster, newest first.
    const all = await audit({ cluster: c.id });
    expect(all.status).toBe(200);
    expect(all.body.records.map((r) => [r.action, r.target])).toEqual([
      ["message.produce", ok1],
      ["topic.create", ok2],
      ["topic.create", ok1],
    ]);
    expect(all.body).toMatchObject({ matched: 3, page: 0, pageSize: 100 });

    // An action prefix: the domain, or one action.
    expect((await audit({ cluster: c.id, action: "topic." })).body.records.map((r) => r.target)).toEqual([ok2, ok1]);
    expect((await audit({ cluster: c.id, action: "message.produce" })).body.records.map((r) => r.target)).toEqual([ok1]);
    expect((await audit({ cluster: c.id, action: "offsets." })).body.records).toEqual([]);

    // The outcome, across clusters: the refused create is there, none of the succeeded ones.
    const refusedOnes = (await audit({ action: "topic.create", outcome: "refused" })).body.records;
    expect(refusedOnes.map((r) => r.target)).toContain(refused);
    expect(refusedOnes.every((r) => r.outcome === "refused" && r.action === "topic.create")).toBe(true);
    expect(refusedOnes.map((r) => r.target)).not.toContain(ok1);
    expect((await audit({ cluster: ro.id, outcome: "succeeded" })).body.records).toEqual([]);

    // The user, and a time range (to is exclusive; a range in the future holds nothing).
    expect((await audit({ cluster: c.id, user: LOCAL_USER })).body.matched).toBe(3);
    expect((await audit({ cluster: c.id, user: "somebody else" })).body.matched).toBe(0);
    const hourAgo = new Date(Date.now() - 3600_000).toISOString();
    const inAnHour = new Date(Date.now() + 3600_000).toISOString();
    expect((await audit({ cluster: c.id, from: hourAgo, to: inAnHour })).body.matched).toBe(3);
    expect((await audit({ cluster: c.id, from: inAnHour })).body.matched).toBe(0);
    expect((await audit({ cluster: c.id, to: hourAgo })).body.matched).toBe(0);
    // Blank filters (an untouched form field) mean "any".
    expect((await audit({ cluster: c.id, user: "", outcome: "", from: "" })).body.matched).toBe(3);
  });

  it("pages 100 records at a time, newest first", async () => {
    const c = await makeCluster();
    const start = new Date(Date.now() - 200_000);
    await prisma.auditRecord.createMany({
      data: Array.from({ length: 150 }, (_, i) => ({ at: new Date(start.getTime() + i * 1000), username: "pager", action: "test.page", clusterId: c.id, clusterName: c.name, target: `t${i}`, outcome: "succeeded" })),
    });
    const first = (await audit({ cluster: c.id })).body;
    expect(first.matched).toBe(150);
    expect(first.records).toHaveLength(100);
    expect(first.records[0].target).toBe("t149");
    const second = (await audit({ cluster: c.id, page: "1" })).body;
    expect(second.records.map((r) => r.target)).toEqual(Array.from({ length: 50 }, (_, i) => `t${49 - i}`));
  });

  it("offers the users, actions and clusters in the log as filters, a cluster by its newest name", async () => {
    const c = await makeCluster();
    const user = unique("facet-user");
    await prisma.auditRecord.createMany({
      data: [
        { at: new Date(Date.now() - 60_000), username: user, action: "facet.old", clusterId: c.id, clusterName: "old name", outcome: "succeeded" },
        { at: new Date(), username: user, action: "facet.new", clusterId: c.id, clusterName: "new name", outcome: "succeeded" },
      ],
    });
    const facets = await listAuditFacets();
    expect(facets.users).toContain(user);
    expect(facets.users.filter((u) => u === user)).toHaveLength(1);
    expect(facets.actions).toEqual(expect.arrayContaining(["facet.old", "facet.new"]));
    expect(facets.clusters.filter((x) => x.id === c.id)).toEqual([{ id: c.id, name: "new name" }]);
  });

  it("refuses malformed filters with 400", async () => {
    expect(await audit({ outcome: "maybe" })).toMatchObject({ status: 400, body: { error: { code: "VALIDATION" } } });
    expect(await audit({ from: "yesterday" })).toMatchObject({ status: 400, body: { error: { code: "VALIDATION" } } });
    expect(await audit({ page: "-1" })).toMatchObject({ status: 400 });
    const now = new Date().toISOString();
    expect(await audit({ from: now, to: now })).toMatchObject({ status: 400 });
  });
});

describe("audit records cannot be changed from the app", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const CHANGES = [/auditRecord\s*\.\s*(update|updateMany|upsert|delete|deleteMany)\s*\(/, /\b(UPDATE|DELETE\s+FROM)\s+["'`]?AuditRecord\b/i];

  function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === "node_modules" || e.name === "test-support" ? [] : sources(p);
      return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
    });
  }

  it("no source outside tests updates or deletes an audit record", () => {
    // The patterns do catch what they are for.
    expect(CHANGES.some((re) => re.test("prisma.auditRecord.deleteMany({})"))).toBe(true);
    expect(CHANGES.some((re) => re.test('tx.$executeRaw`DELETE FROM "AuditRecord"`'))).toBe(true);
    expect(CHANGES.some((re) => re.test("prisma.auditRecord.create({ data })"))).toBe(false);

    const files = ["app", "server", "lib", "components"].flatMap((d) => sources(path.join(root, d)));
    expect(files).toContain(path.join(root, "server/audit/record-audit.ts"));
    const offenders = files.filter((f) => CHANGES.some((re) => re.test(fs.readFileSync(f, "utf8")))).map((f) => path.relative(root, f));
    expect(offenders).toEqual([]);
  });

  it("the audit route only reads", () => {
    expect(Object.keys(auditRoute).sort()).toEqual(["GET", "dynamic"]);
  });

  it("every server action that changes something names its audit action", () => {
    // Reads and dry runs write no record: they change nothing.
    const notChanges = new Set(["previewOffsetResetAction", "testConnectionAction", "previewDeleteRecordsAction"]);
    const files = ["alert", "broker", "cluster", "design", "message", "offset", "plan", "topic", "user", "settings"].map((d) => path.join(root, `server/actions/${d}-actions.ts`));
    const unaudited: string[] = [];
    let seen = 0;
    for (const f of files) {
      const chunks = fs.readFileSync(f, "utf8").split(/(?=export const \w+ = guardedAction\()/);
      for (const chunk of chunks) {
        const name = /^export const (\w+) = guardedAction\(/.exec(chunk)?.[1];
        if (!name) continue;
        seen++;
        const audited = /audit:\s*\{\s*action:\s*"[a-z]+\.[a-z-]+"/.test(chunk);
        if (!audited && !notChanges.has(name)) unaudited.push(name);
      }
    }
    expect(seen).toBeGreaterThan(20);
    expect(unaudited).toEqual([]);
  });
});
