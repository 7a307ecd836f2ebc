import { expect, test } from "@playwright/test";
import { Kafka, logLevel } from "kafkajs";
import { ClusterFormPage } from "../clusters/cluster-form.page";
import { kafkaBrokers, uniqueName } from "../fixtures";
import { DesignerPage } from "./designer.page";

/** A rate the canvas shows as more than nothing ("0 msg/s" and "0.0 msg/s" do not match). */
const NON_ZERO_RATE = /^(?!0 msg|0\.0 msg)[\d,.]+ msg\/s$/;

test("a bound design shows live lag and status, sees the group catch up, and shows a topic's rate, all without reloading", async ({ page }) => {
  const kafka = new Kafka({ clientId: "topiary-e2e-live-lag", brokers: kafkaBrokers().split(","), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer();
  await Promise.all([admin.connect(), producer.connect()]);
  const topicName = uniqueName("e2e.live.orders");
  const groupId = uniqueName("e2e-live-billing");
  let producing = false;
  let background: Promise<void> = Promise.resolve();
  try {
    // 20 messages on partition 0 and 10 on partition 1; the group (no members) committed 5 and 0: lag 25.
    await admin.createTopics({ topics: [{ topic: topicName, numPartitions: 2, replicationFactor: 1 }], waitForLeaders: true });
    await producer.send({
      topic: topicName,
      messages: [...Array.from({ length: 20 }, (_, i) => ({ partition: 0, value: `a${i}` })), ...Array.from({ length: 10 }, (_, i) => ({ partition: 1, value: `b${i}` }))],
    });
    await admin.setOffsets({ groupId, topic: topicName, partitions: [{ partition: 0, offset: "5" }, { partition: 1, offset: "0" }] });

    const d = new DesignerPage(page);
    const id = await d.createBlank();
    await d.dropFromPalette("producer", 120, 160);
    await d.dropFromPalette("topic", 420, 160);
    await d.props().getByLabel("Topic name").fill(topicName);
    await d.props().getByLabel("Partitions").fill("2");
    await d.dropFromPalette("consumerGroup", 720, 160);
    await d.props().getByLabel("Group id").fill(groupId);
    const topic = d.node(`Topic ${topicName}`);
    const group = d.node(`Consumer group ${groupId}`);
    await d.connect(d.nodesOfKind("producer"), topic);
    await d.connect(topic, group);
    await expect(page.locator(".react-flow__edge")).toHaveCount(2);
    await d.waitSaved();
    // Unbound: no live figures.
    expect(await (await page.request.get(`/api/designs/${id}/live`)).json()).toEqual({ bound: false });
    await expect(page.getByTestId("node-lag")).toHaveCount(0);

    await page.getByLabel("Bound cluster").selectOption({ label: "local" });
    // Any reload would lose this mark.
    await page.evaluate(() => ((window as unknown as { liveLagMark: boolean }).liveLagMark = true));

    const lag = group.getByTestId("node-lag");
    await expect(lag).toHaveText("lag 25");
    // A group without members whose offsets do not move, with lag: Burrow's STOP, in red, with the reason.
    await expect(lag).toHaveClass(/live-bad/);
    await expect(lag).toHaveAttribute("title", /^STOP on .*no commit for/);
    await expect(lag).toHaveAttribute("title", /group state Empty/);

    // The group commits up to the end: the badge follows.
    await admin.setOffsets({ groupId, topic: topicName, partitions: [{ partition: 0, offset: "20" }, { partition: 1, offset: "10" }] });
    await expect(lag).toHaveText("lag 0");
    await expect(lag).toHaveClass(/live-ok/);

    // Messages keep arriving: the topic and the edge into it show a rate.
    producing = true;
    background = (async () => {
      for (let i = 0; producing; i++) {
        await producer.send({ topic: topicName, messages: [{ partition: i % 2, value: `more-${i}` }] });
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    await expect(topic.getByTestId("node-rate")).toHaveText(NON_ZERO_RATE);
    await expect(page.getByTestId("edge-rate").filter({ hasText: NON_ZERO_RATE })).not.toHaveCount(0);
    // Nobody consumes the new messages: lag grows again.
    await expect(lag).toHaveText(/^lag [1-9]/);
    producing = false;
    await background;

    expect(await page.evaluate(() => (window as unknown as { liveLagMark?: boolean }).liveLagMark)).toBe(true);
    await expect(page.getByTestId("live-note")).toHaveCount(0);
  } finally {
    producing = false;
    await background.catch(() => {});
    await admin.deleteGroups([groupId]).catch(() => {});
    await admin.deleteTopics({ topics: [topicName] }).catch(() => {});
    await Promise.all([admin.disconnect(), producer.disconnect()]);
  }
});

test("a design bound to an unreachable cluster says live lag is unavailable, and the canvas keeps working", async ({ page }) => {
  const form = new ClusterFormPage(page);
  const cluster = uniqueName("down");
  await form.openNew();
  await form.fill(cluster, "127.0.0.1:1");
  await form.submit();
  await expect(page.getByRole("heading", { name: cluster })).toBeVisible();

  const d = new DesignerPage(page);
  await d.createBlank();
  await d.dropFromPalette("consumerGroup", 300, 160);
  await d.waitSaved();
  await page.getByLabel("Bound cluster").selectOption({ label: cluster });
  await expect(page.getByTestId("live-note")).toContainText("live lag unavailable:", { timeout: 30_000 });
  await expect(page.getByTestId("node-lag")).toHaveCount(0);
  await page.getByTestId("palette-topic").click();
  await expect(d.nodes()).toHaveCount(2);
});
