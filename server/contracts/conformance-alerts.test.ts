// Issue 19, item 7: a conformance alert rule fires below its threshold on the sampling leader's round, is POSTed
// to its webhook naming the topic, stays open across lag rounds, and resolves when the newest messages conform.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Kafka, logLevel } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as alertsRoute } from "@/app/api/clusters/[id]/alerts/route";
import type { AlertsView } from "@/lib/alerts/alert-views";
import type { Contract } from "@/lib/contracts/contract-schema";
import type { WebhookPayload } from "@/lib/alerts/webhook-delivery";
import { createAlertRuleAction } from "@/server/actions/alert-actions";
import { registerAlertEngine } from "@/server/alerts/alert-engine";
import { prisma } from "@/server/db/prisma";
import { sampleCluster } from "@/server/groups/lag-sampler";
import { waitUntil } from "@/server/kafka/wait-until";
import { makeDesign, topicNode } from "@/server/test-support/designs";
import { brokers, makeCluster, unique, withAdmin } from "@/server/test-support/fixtures";
import { callRoute } from "@/server/test-support/topics";
import { forgetConformance } from "./conformance";
import { runConformanceAlerts } from "./conformance-alerts";

process.env.TOPIARY_WEBHOOK_BACKOFF_MS = "20";

const contract: Contract = { value: { format: "json-schema", text: JSON.stringify({ type: "object", required: ["id"], properties: { id: { type: "string" } } }) } };
let server: http.Server;
const hits: WebhookPayload[] = [];
let hookUrl = "";

beforeAll(async () => {
  registerAlertEngine();
  server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (c) => (text += c));
    req.on("end", () => {
      hits.push(JSON.parse(text) as WebhookPayload);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

async function send(topic: string, values: string[]) {
  const producer = new Kafka({ brokers: brokers().split(","), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  await producer.send({ topic, messages: values.map((value) => ({ value })) });
  await producer.disconnect();
}

function ok<T>(r: { ok: true; data: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`action failed: ${JSON.stringify(r.error)}`);
  return r.data;
}

const eventsOf = (ruleId: string) => prisma.alertEvent.findMany({ where: { ruleId }, orderBy: { firedAt: "asc" } });

describe("conformance alert rules", { timeout: 60_000 }, () => {
  it("fires below its threshold, names the topic, survives lag rounds, and resolves when the messages conform", async () => {
    const c = await makeCluster();
    const topic = unique("conformance-alert");
    await withAdmin((a) => a.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] }));
    // 200 messages, 37 without "id": 81.5 % conform.
    await send(topic, Array.from({ length: 200 }, (_, i) => JSON.stringify(i % 5 === 3 && i < 185 ? { name: `n-${i}` } : { id: `o-${i}` })));
    await makeDesign(c.id, { nodes: [topicNode(topic, { contract })], edges: [] });

    const rule = ok(await createAlertRuleAction({ clusterId: c.id, name: "orders conform", kind: "conformance", topic, conformanceBelow: 90, forMinutes: 0, webhookUrl: hookUrl }));
    const quiet = ok(await createAlertRuleAction({ clusterId: c.id, name: "orders mostly conform", kind: "conformance", topic, conformanceBelow: 80, forMinutes: 0 }));
    expect(rule).toMatchObject({ kind: "conformance", topic, conformanceBelow: 90, groupId: null });

    // The leader's lag round starts the conformance round (in the background).
    forgetConformance();
    await sampleCluster(c);
    expect(await waitUntil(async () => (await eventsOf(rule.id)).length === 1, 20_000, 100)).toBe(true);
    const [fired] = await eventsOf(rule.id);
    expect(fired).toMatchObject({ state: "firing", groupId: topic, message: `81.5 % of the newest 200 messages of ${topic} conform to design test design's contract, below 90 %` });
    expect(await eventsOf(quiet.id)).toEqual([]);
    expect(await waitUntil(async () => hits.length === 1, 10_000, 50)).toBe(true);
    expect(hits[0]).toMatchObject({ rule: { id: rule.id, kind: "conformance" }, group: "", topic, state: "firing" });

    // Another lag round: the lag rules leave the conformance event alone.
    await sampleCluster(c);
    expect((await eventsOf(rule.id)).map((e) => e.state)).toEqual(["firing"]);

    const { body } = await callRoute<AlertsView>(alertsRoute, `/api/clusters/${c.id}/alerts`, { id: c.id });
    expect(body.events.find((e) => e.ruleId === rule.id)).toMatchObject({ kind: "conformance", groupId: topic });

    // The newest 200 now conform: the next round resolves it.
    await send(topic, Array.from({ length: 200 }, (_, i) => JSON.stringify({ id: `p-${i}` })));
    forgetConformance();
    await runConformanceAlerts(c);
    expect((await eventsOf(rule.id)).map((e) => e.state)).toEqual(["resolved"]);
    expect(await waitUntil(async () => hits.some((h) => h.state === "resolved"), 10_000, 50)).toBe(true);
  });

  it("changes nothing for a topic without a contract", async () => {
    const c = await makeCluster();
    const topic = unique("conformance-nocontract");
    await withAdmin((a) => a.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] }));
    await send(topic, ["not json"]);
    const rule = ok(await createAlertRuleAction({ clusterId: c.id, name: "nothing to check", kind: "conformance", topic, conformanceBelow: 100, forMinutes: 0 }));
    await runConformanceAlerts(c);
    expect(await eventsOf(rule.id)).toEqual([]);
  });
});
