import { expect, test } from "@playwright/test";
import { Kafka, logLevel } from "kafkajs";
import { kafkaBrokers, uniqueName } from "../fixtures";

/** A 2-partition topic with 10 messages on each, and a group (no members) committed at 2 and 10: lag 8. */
async function topicWithLaggingGroup(topic: string, group: string) {
  const kafka = new Kafka({ clientId: "e2e-groups", brokers: kafkaBrokers().split(","), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer();
  await Promise.all([admin.connect(), producer.connect()]);
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 2, replicationFactor: 1 }], waitForLeaders: true });
    for (const partition of [0, 1]) {
      await producer.send({ topic, messages: Array.from({ length: 10 }, (_, i) => ({ partition, value: `m${i}` })) });
    }
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: "2" }, { partition: 1, offset: "10" }] });
  } finally {
    await Promise.all([admin.disconnect(), producer.disconnect()]);
  }
}

test("find a lagging group, see why it is judged STOP, preview a reset to latest and confirm it", async ({ page }) => {
  const topic = uniqueName("e2e.lag");
  const group = uniqueName("e2e-group <b>x</b>");
  await topicWithLaggingGroup(topic, group);

  await page.goto("/clusters");
  await page.getByTestId("cluster-row-local").getByRole("link", { name: "local", exact: true }).click();
  await page.getByRole("link", { name: "Consumer groups" }).click();
  await expect(page.getByRole("heading", { name: "Consumer groups", level: 1 })).toBeVisible();
  // The count line comes with the browser's first answer: the page is hydrated, so typing is not lost.
  await expect(page.getByTestId("group-count")).toBeVisible();
  await page.getByLabel("Search consumer groups").fill(group);
  const row = page.getByTestId("group-row");
  await expect(row).toHaveCount(1);
  // The id holds HTML: it shows as text.
  await expect(row.getByRole("link")).toHaveText(group);
  await expect(row).toContainText(topic);
  await expect(row.getByRole("cell").nth(5)).toHaveText("8");
  // After a few samples with lag and no commits, Burrow's STOP rule fires (the e2e sampler samples every 2 s).
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("group-count")).toBeVisible();
    await page.getByLabel("Search consumer groups").fill(group);
    await expect(page.getByTestId("group-row")).toHaveCount(1, { timeout: 5000 });
    await expect(page.getByTestId("group-row").getByTestId("lag-status")).toHaveText("STOP", { timeout: 3000 });
  }).toPass({ timeout: 60_000 });
  await page.getByLabel("Only STOP").check();
  await expect(page.getByTestId("group-row")).toHaveCount(1);

  await page.getByTestId("group-row").getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(group);
  await expect(page.getByTestId("group-total-lag")).toHaveText("8");
  await expect(page.getByTestId("status-reason")).toContainText(`STOP on ${topic}[0]: no commit`);
  const rows = page.getByTestId("partition-lag-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("STOP");
  await expect(rows.nth(1)).toContainText("OK");
  await expect(page.getByTestId("lag-chart")).toBeVisible();

  // Reset to latest: the preview shows the new offsets; only confirming changes anything.
  await page.getByLabel("Reset to").selectOption("latest");
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByTestId("reset-preview");
  await expect(preview.getByRole("row")).toHaveCount(3);
  // partition, committed now, new offset, start, end, lag after
  await expect(preview.getByRole("row").nth(1).getByRole("cell")).toHaveText(["0", "2", "10", "0", "10", "0"]);
  await expect(preview.getByRole("row").nth(2).getByRole("cell")).toHaveText(["1", "10", "10", "0", "10", "0"]);
  await expect(page.getByTestId("group-total-lag")).toHaveText("8");
  await page.getByRole("button", { name: "Reset 2 partitions to these offsets" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Reset 2 partitions of ${topic}.` })).toBeVisible();
  await expect(page.getByTestId("group-total-lag")).toHaveText("0");
});
