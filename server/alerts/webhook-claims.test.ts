// Webhook deliveries are claimed row by row: a delivery another instance is POSTing is left to it, and one whose
// claim ran out (that instance died) is delivered here. Against a real HTTP receiver and the real store.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/server/db/prisma";
import { makeCluster } from "@/server/test-support/fixtures";
import { deliverPendingWebhooks } from "./deliver-webhooks";

const hits: string[] = [];
const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    hits.push(body);
    res.writeHead(204).end();
  });
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("webhook deliveries across instances", () => {
  it("leaves a delivery another instance has claimed, and delivers it once that claim has run out", async () => {
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const c = await makeCluster();
    const rule = await prisma.alertRule.create({ data: { clusterId: c.id, name: "claimed", kind: "lag", lagAbove: 1, webhookUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` } });
    const event = await prisma.alertEvent.create({ data: { ruleId: rule.id, clusterId: c.id, groupId: "g", state: "firing", message: "lag 2 above 1", openKey: `${rule.id} g` } });
    const delivery = await prisma.webhookDelivery.create({
      data: { eventId: event.id, transition: "firing", status: "pending", claimedBy: "elsewhere:1:abc", claimedUntil: new Date(Date.now() + 60_000) },
    });

    await deliverPendingWebhooks();
    expect(hits).toEqual([]);
    expect(await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: "pending", attempts: 0, claimedBy: "elsewhere:1:abc" });

    // That instance died mid-POST: its claim runs out, and this one delivers (at least once).
    await prisma.webhookDelivery.update({ where: { id: delivery.id }, data: { claimedUntil: new Date(Date.now() - 1000) } });
    await deliverPendingWebhooks();
    expect(hits).toHaveLength(1);
    expect(JSON.parse(hits[0])).toMatchObject({ state: "firing", group: "g", message: "lag 2 above 1" });
    expect(await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: "delivered", attempts: 1, claimedBy: null, claimedUntil: null });

    // A second open event for the same rule and group is refused by the store.
    await expect(prisma.alertEvent.create({ data: { ruleId: rule.id, clusterId: c.id, groupId: "g", state: "firing", message: "again", openKey: `${rule.id} g` } })).rejects.toMatchObject({
      code: "P2002",
    });
  });
});
