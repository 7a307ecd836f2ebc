// Alert rules and webhooks against the real broker and a real HTTP receiver: real groups with committed
// offsets, real samples, real POSTs.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as alertsRoute } from "@/app/api/clusters/[id]/alerts/route";
import type { AlertsView } from "@/lib/alerts/alert-views";
import type { WebhookPayload } from "@/lib/alerts/webhook-delivery";
import { createAlertRuleAction, deleteAlertRuleAction, setAlertRuleEnabledAction, updateAlertRuleAction } from "@/server/actions/alert-actions";
import { prisma } from "@/server/db/prisma";
import { waitUntil } from "@/server/kafka/wait-until";
import { makeCluster, unique, withAdmin } from "@/server/test-support/fixtures";
import { callRoute, produce } from "@/server/test-support/topics";
import { registerAlertEngine } from "./alert-engine";
import { sampleCluster } from "../groups/lag-sampler";

// Retries 20 ms, 60 ms, 180 ms, 480 ms, 1.2 s apart instead of seconds to minutes.
process.env.TOPIARY_WEBHOOK_BACKOFF_MS = "20";

interface Hit {
  at: number;
  path: string;
  contentType: string | undefined;
  body: WebhookPayload;
}

/** A local HTTP server that records every POST and answers `status`. */
async function receiver(status: number, answer = "") {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (c) => (text += c));
    req.on("end", () => {
      hits.push({ at: Date.now(), path: req.url ?? "", contentType: req.headers["content-type"], body: JSON.parse(text) });
      res.writeHead(status, { "content-type": "text/plain" }).end(answer);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cleanups.push(() => new Promise((r) => server.close(() => r())));
  return { url, hits };
}

const cleanups: (() => Promise<void>)[] = [];
const topics: string[] = [];
beforeAll(() => registerAlertEngine());
afterAll(async () => {
  for (const c of cleanups) await c().catch(() => {});
  if (topics.length) await withAdmin((a) => a.deleteTopics({ topics })).catch(() => {});
});

/** A topic with 10 messages and a group (no members) committed at `offset` on it: lag 10 − offset. */
async function laggingGroup(offset: number) {
  const topic = unique("alert-topic");
  const group = unique("alert-group");
  await withAdmin((a) => a.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true }));
  topics.push(topic);
  await produce(topic, 0, 10);
  await commit(group, topic, offset);
  return { topic, group };
}
const commit = (group: string, topic: string, offset: number) =>
  withAdmin((a) => a.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: String(offset) }] }));

const eventsOf = (ruleId: string) => prisma.alertEvent.findMany({ where: { ruleId }, include: { deliveries: { orderBy: { createdAt: "asc" } } }, orderBy: { firedAt: "asc" } });
const until = async (what: string, check: () => Promise<boolean> | boolean, ms = 10_000) => {
  if (!(await waitUntil(async () => check(), ms, 25))) throw new Error(`timed out waiting for ${what}`);
};

function ok<T>(r: { ok: true; data: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`action failed: ${JSON.stringify(r.error)}`);
  return r.data;
}

// Each kafkajs setOffsets joins the group for seconds, and a sample reads every group on the broker.
describe("lag alerts against the real broker", { timeout: 120_000 }, () => {
  it("fires a lag rule on a real sample, POSTs it to the webhook, and resolves when the group catches up", async () => {
    const c = await makeCluster();
    const { topic, group } = await laggingGroup(2);
    const hook = await receiver(204);
    const rule = ok(
      await createAlertRuleAction({ clusterId: c.id, name: "orders behind", groupId: group, kind: "lag", lagAbove: 5, forMinutes: 0, webhookUrl: `${hook.url}/hooks/secret-token-123?sig=abc` }),
    );
    // Same condition, but it must hold 10 minutes: nothing fires within this test.
    const slow = ok(await createAlertRuleAction({ clusterId: c.id, name: "orders behind for long", groupId: group, kind: "lag", lagAbove: 5, forMinutes: 10 }));
    // Another group's rule: never fires for ours.
    const other = ok(await createAlertRuleAction({ clusterId: c.id, name: "elsewhere", groupId: unique("nobody"), kind: "lag", lagAbove: 0, forMinutes: 0 }));

    await sampleCluster(c);
    const [fired] = await eventsOf(rule.id);
    expect(fired).toMatchObject({ state: "firing", groupId: group, clusterId: c.id, message: "lag 8 above 5", resolvedAt: null });
    await until("the firing webhook", () => hook.hits.length === 1);
    expect(hook.hits[0]).toEqual({
      at: expect.any(Number),
      path: "/hooks/secret-token-123?sig=abc",
      contentType: "application/json",
      body: {
        rule: { id: rule.id, name: "orders behind", kind: "lag" },
        cluster: { id: c.id, name: c.name },
        group,
        state: "firing",
        message: "lag 8 above 5",
        firedAt: fired.firedAt.toISOString(),
        resolvedAt: null,
      },
    });
    await until("the delivery row", async () => (await eventsOf(rule.id))[0].deliveries[0]?.status === "delivered");
    expect((await eventsOf(rule.id))[0].deliveries).toEqual([
      expect.objectContaining({ transition: "firing", status: "delivered", attempts: 1, lastStatus: 204, lastError: null, deliveredAt: expect.any(Date) }),
    ]);

    // Still lagging: the open event stays open, nothing new fires or is POSTed.
    await sampleCluster(c);
    expect(await eventsOf(rule.id)).toHaveLength(1);
    expect(await eventsOf(slow.id)).toEqual([]);
    expect(await eventsOf(other.id)).toEqual([]);

    // The route shows the rule with the webhook's origin only, and the event with its delivery.
    const { status, body } = await callRoute<AlertsView>(alertsRoute, `/api/clusters/${c.id}/alerts`, { id: c.id });
    expect(status).toBe(200);
    expect(JSON.stringify(body)).not.toContain("secret-token-123");
    expect(body.rules.find((r) => r.id === rule.id)).toMatchObject({ webhookOrigin: hook.url, firing: 1, enabled: true, kind: "lag", lagAbove: 5 });
    expect(body.rules.find((r) => r.id === slow.id)).toMatchObject({ webhookOrigin: null, firing: 0 });
    expect(body.events).toEqual([
      expect.objectContaining({ ruleName: "orders behind", groupId: group, state: "firing", deliveries: [expect.objectContaining({ status: "delivered", attempts: 1 })] }),
    ]);
    expect(body.groups).toContain(group);

    // Caught up: the event resolves, and the webhook hears that too.
    await commit(group, topic, 10);
    await sampleCluster(c);
    const [resolved] = await eventsOf(rule.id);
    expect(resolved).toMatchObject({ state: "resolved", resolvedAt: expect.any(Date) });
    await until("the resolving webhook", () => hook.hits.length === 2);
    expect(hook.hits[1].body).toMatchObject({ state: "resolved", group, message: "lag 8 above 5", resolvedAt: resolved.resolvedAt!.toISOString() });
    await until("both deliveries delivered", async () => (await eventsOf(rule.id))[0].deliveries.every((d) => d.status === "delivered"));
    expect((await eventsOf(rule.id))[0].deliveries.map((d) => d.transition)).toEqual(["firing", "resolved"]);
    expect(await eventsOf(slow.id)).toEqual([]);
  });

  it("fires a status rule when a group without members stops committing (Burrow's STOP)", async () => {
    const c = await makeCluster();
    const { group } = await laggingGroup(4);
    const rule = ok(await createAlertRuleAction({ clusterId: c.id, name: "stopped", kind: "status", statuses: ["STALL", "STOP"], forMinutes: 0 }));
    // One sample is not enough for Burrow's rules: OK so far.
    await sampleCluster(c);
    expect((await eventsOf(rule.id)).filter((e) => e.groupId === group)).toEqual([]);
    await sampleCluster(c);
    const mine = (await eventsOf(rule.id)).filter((e) => e.groupId === group);
    expect(mine).toEqual([expect.objectContaining({ state: "firing", message: expect.stringMatching(/^status STOP: STOP on .*\[0\]: no commit for/) })]);
    // No webhook on the rule: no delivery rows.
    expect(mine[0].deliveries).toEqual([]);
  });

  it("retries a webhook that answers 500 with backoff, then marks it failed with the error", async () => {
    const c = await makeCluster();
    const { group } = await laggingGroup(0);
    const hook = await receiver(500, "receiver is down");
    const rule = ok(await createAlertRuleAction({ clusterId: c.id, name: "to a broken hook", groupId: group, kind: "lag", lagAbove: 0, forMinutes: 0, webhookUrl: `${hook.url}/broken` }));
    // Nobody listens on this one.
    const closed = await receiver(200);
    const closedUrl = closed.url;
    await cleanups.pop()!();
    const unreachable = ok(await createAlertRuleAction({ clusterId: c.id, name: "to nowhere", groupId: group, kind: "lag", lagAbove: 0, forMinutes: 0, webhookUrl: `${closedUrl}/x` }));

    await sampleCluster(c);
    await until("the delivery to give up", async () => (await eventsOf(rule.id))[0]?.deliveries[0]?.status === "failed");
    const [d] = (await eventsOf(rule.id))[0].deliveries;
    expect(d).toMatchObject({ status: "failed", attempts: 6, lastStatus: 500, lastError: "HTTP 500 Internal Server Error: receiver is down", nextAttemptAt: null, deliveredAt: null });
    expect(hook.hits).toHaveLength(6);
    expect(hook.hits.every((h) => h.body.state === "firing" && h.body.group === group)).toBe(true);
    // Backoff: each wait longer than the one before (20, 60, 180, 480, 1200 ms).
    const gaps = hook.hits.slice(1).map((h, i) => h.at - hook.hits[i].at);
    expect(gaps[4]).toBeGreaterThanOrEqual(1100);
    // (Compared two steps apart: a loaded machine adds a hundred milliseconds or two to any one wait.)
    expect(gaps[4]).toBeGreaterThan(gaps[2]);
    expect(gaps[3]).toBeGreaterThan(gaps[0]);

    await until("the unreachable delivery to give up", async () => (await eventsOf(unreachable.id))[0]?.deliveries[0]?.status === "failed");
    const [u] = (await eventsOf(unreachable.id))[0].deliveries;
    expect(u).toMatchObject({ attempts: 6, lastStatus: null, lastError: expect.stringMatching(/^Could not reach the webhook: .*ECONNREFUSED/) });

    // The page shows the failure and its error.
    const { body } = await callRoute<AlertsView>(alertsRoute, `/api/clusters/${c.id}/alerts`, { id: c.id });
    expect(body.events.find((e) => e.ruleId === rule.id)?.deliveries).toEqual([
      expect.objectContaining({ status: "failed", attempts: 6, lastStatus: 500, lastError: "HTTP 500 Internal Server Error: receiver is down" }),
    ]);
  });

  it("turning a rule off resolves what it has firing (and says so to the webhook); edits keep the stored webhook", async () => {
    const c = await makeCluster();
    const { group } = await laggingGroup(5);
    const hook = await receiver(200);
    const rule = ok(await createAlertRuleAction({ clusterId: c.id, name: "to turn off", groupId: group, kind: "lag", lagAbove: 1, forMinutes: 0, webhookUrl: `${hook.url}/t` }));
    await sampleCluster(c);
    expect((await eventsOf(rule.id)).map((e) => e.state)).toEqual(["firing"]);

    expect(ok(await setAlertRuleEnabledAction({ clusterId: c.id, id: rule.id, enabled: false }))).toMatchObject({ enabled: false, firing: 0 });
    expect((await eventsOf(rule.id)).map((e) => e.state)).toEqual(["resolved"]);
    await until("the resolving webhook", () => hook.hits.length === 2);
    expect(hook.hits.map((h) => h.body.state)).toEqual(["firing", "resolved"]);
    // Off: samples leave it alone.
    await sampleCluster(c);
    expect(await eventsOf(rule.id)).toHaveLength(1);

    // An edit with a blank webhook and keepWebhook keeps the stored address; without it, removes it.
    const edit = { clusterId: c.id, id: rule.id, name: "renamed", groupId: group, kind: "lag", lagAbove: 3, forMinutes: 2 } as const;
    expect(ok(await updateAlertRuleAction({ ...edit, keepWebhook: true }))).toMatchObject({ name: "renamed", lagAbove: 3, forMinutes: 2, webhookOrigin: hook.url });
    expect((await prisma.alertRule.findUniqueOrThrow({ where: { id: rule.id } })).webhookUrl).toBe(`${hook.url}/t`);
    expect(ok(await updateAlertRuleAction(edit))).toMatchObject({ webhookOrigin: null });

    // Back on: the condition holds again, and fires again after its (new) 2 minutes only.
    ok(await setAlertRuleEnabledAction({ clusterId: c.id, id: rule.id, enabled: true }));
    await sampleCluster(c);
    expect(await eventsOf(rule.id)).toHaveLength(1);
  });

  it("checks rules on the server, finds them within their cluster only, and removes them with their history", async () => {
    const c = await makeCluster();
    const elsewhere = await makeCluster();
    expect(await createAlertRuleAction({ clusterId: c.id, name: "x", kind: "lag", forMinutes: 0 })).toMatchObject({
      ok: false,
      error: { code: "VALIDATION", fieldErrors: { lagAbove: "Enter a lag (messages)" } },
    });
    expect(await createAlertRuleAction({ clusterId: c.id, name: "x", kind: "lag", lagAbove: 1, forMinutes: 0, webhookUrl: "file:///etc/passwd" })).toMatchObject({
      ok: false,
      error: { code: "VALIDATION", fieldErrors: { webhookUrl: expect.any(String) } },
    });
    const rule = ok(await createAlertRuleAction({ clusterId: c.id, name: "x", kind: "status", statuses: ["STOP"], forMinutes: 0 }));
    expect(await createAlertRuleAction({ clusterId: c.id, name: "x", kind: "lag", lagAbove: 1, forMinutes: 0 })).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(await deleteAlertRuleAction({ clusterId: elsewhere.id, id: rule.id })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });

    const event = await prisma.alertEvent.create({ data: { ruleId: rule.id, clusterId: c.id, groupId: "g", state: "firing", message: "m" } });
    await prisma.webhookDelivery.create({ data: { eventId: event.id, transition: "firing", status: "failed", attempts: 6 } });
    expect(await deleteAlertRuleAction({ clusterId: c.id, id: rule.id })).toEqual({ ok: true, data: { id: rule.id } });
    expect(await prisma.alertEvent.count({ where: { ruleId: rule.id } })).toBe(0);
    expect(await prisma.webhookDelivery.count({ where: { eventId: event.id } })).toBe(0);
  });
});
