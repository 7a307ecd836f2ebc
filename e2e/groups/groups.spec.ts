import { expect, test, type Page } from "@playwright/test";
import { Kafka, logLevel } from "kafkajs";
import { kafkaBrokers, uniqueName } from "../fixtures";

/**
 * A 2-partition topic with 10 messages on each, and a group (no members) committed at 2 and 10: lag 8. With
 * `deleteBelow`, retention (deleteRecords) then removes partition 0's offsets below it.
 */
async function topicWithLaggingGroup(topic: string, group: string, deleteBelow?: number) {
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
    if (deleteBelow !== undefined) {
      await admin.fetchTopicMetadata({ topics: [topic] });
      await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: String(deleteBelow) }] });
    }
  } finally {
    await Promise.all([admin.disconnect(), producer.disconnect()]);
  }
}

async function openGroupList(page: Page) {
  await page.goto("/clusters");
  await page.getByTestId("cluster-row-local").getByRole("link", { name: "local", exact: true }).click();
  await page.getByRole("link", { name: "Consumer groups" }).click();
  await expect(page.getByRole("heading", { name: "Consumer groups", level: 1 })).toBeVisible();
  // The count line comes with the browser's first answer: the page is hydrated, so typing is not lost.
  await expect(page.getByTestId("group-count")).toBeVisible();
}

/** The group's row once Burrow's STOP rule has fired (after a few samples with lag and no commits; the e2e sampler samples every 2 s). */
async function findStoppedGroup(page: Page, group: string) {
  await openGroupList(page);
  await page.getByLabel("Search consumer groups").fill(group);
  await expect(page.getByTestId("group-row")).toHaveCount(1);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("group-count")).toBeVisible();
    await page.getByLabel("Search consumer groups").fill(group);
    await expect(page.getByTestId("group-row")).toHaveCount(1, { timeout: 5000 });
    await expect(page.getByTestId("group-row").getByTestId("lag-status")).toHaveText("STOP", { timeout: 3000 });
  }).toPass({ timeout: 60_000 });
  return page.getByTestId("group-row");
}

test("find a lagging group, see why it is judged STOP, preview a reset to latest and confirm it", async ({ page }) => {
  const topic = uniqueName("e2e.lag");
  const group = uniqueName("e2e-group <b>x</b>");
  await topicWithLaggingGroup(topic, group);

  const row = await findStoppedGroup(page, group);
  // The id holds HTML: it shows as text.
  await expect(row.getByRole("link")).toHaveText(group);
  await expect(row).toContainText(topic);
  await expect(row.getByRole("cell").nth(5)).toHaveText("8");
  // Burrow's group status beside the worst partition status, and how far behind in time.
  await expect(row.getByTestId("burrow-status")).toHaveText("Burrow ERR");
  await expect(row.getByTestId("group-time-lag")).toHaveText(/behind$/);
  await page.getByLabel("Only STOP").check();
  await expect(page.getByTestId("group-row")).toHaveCount(1);

  await page.getByTestId("group-row").getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(group);
  await expect(page.getByTestId("group-total-lag")).toHaveText("8");
  await expect(page.getByTestId("completeness")).toContainText(/\d+ of 10 samples/);
  await expect(page.getByTestId("group-time-lag")).toHaveText(/behind$/);
  await expect(page.getByTestId("status-reason")).toContainText(`STOP on ${topic}[0]: no commit`);
  await expect(page.getByTestId("sample-banner")).toHaveCount(0);
  const rows = page.getByTestId("partition-lag-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("STOP");
  // Each partition's reason quotes its own offset.
  await expect(rows.nth(0).getByTestId("partition-rule")).toContainText("since offset 2");
  await expect(rows.nth(1)).toContainText("OK");
  await expect(page.getByTestId("lag-chart")).toBeVisible();

  // Reset to latest: the preview shows the new offsets; only confirming changes anything.
  await page.getByLabel("Reset to").selectOption("latest");
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByTestId("reset-preview");
  await expect(preview.getByRole("row")).toHaveCount(3);
  // partition, committed now, new offset, start, end, lag after, note
  await expect(preview.getByRole("row").nth(1).getByRole("cell")).toHaveText(["0", "2", "10", "0", "10", "0", ""]);
  await expect(preview.getByRole("row").nth(2).getByRole("cell")).toHaveText(["1", "10", "10", "0", "10", "0", ""]);
  await expect(page.getByTestId("group-total-lag")).toHaveText("8");
  await page.getByRole("button", { name: "Reset 2 partitions to these offsets" }).click();
  // Done once the page has a sample taken after the commit.
  await expect(page.getByRole("status").filter({ hasText: `Reset 2 partitions of ${topic}.` })).toBeVisible();
  await expect(page.getByTestId("group-total-lag")).toHaveText("0");
});

test("a group whose offsets retention deleted says how many messages it lost, in the list and on its page", async ({ page }) => {
  const topic = uniqueName("e2e.retention");
  const group = uniqueName("e2e-lossy");
  // Committed at 2 on partition 0, whose log now starts at 6: 4 messages lost.
  await topicWithLaggingGroup(topic, group, 6);

  await openGroupList(page);
  await page.getByLabel("Search consumer groups").fill(group);
  const row = page.getByTestId("group-row");
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("retention-loss-badge")).toHaveText("4 lost to retention");

  await row.getByRole("link").click();
  await expect(page.getByTestId("group-retention-loss")).toContainText("4 messages were deleted by retention before this group read them");
  const first = page.getByTestId("partition-lag-row").nth(0);
  await expect(first.getByTestId("retention-loss")).toContainText("committed 2, log starts at 6");

  // An offset below the log start is moved into range, and the preview says so.
  await page.getByLabel("Reset to").selectOption("offset");
  await page.getByLabel("Reset to offset").fill("3");
  await page.getByLabel("Partitions to reset").fill("0");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("reset-clamped").first()).toHaveText("Offset 3 is below partition 0's log start (6; retention deleted what was before it): set to 6.");
  await expect(page.getByTestId("reset-clamp-note")).toContainText("1 of 1 partition could not take the offset asked for");
});

test("an allowed lag for the group turns its small steady lag into OK", async ({ page }) => {
  const topic = uniqueName("e2e.allowed");
  const group = uniqueName("e2e-allowed");
  await topicWithLaggingGroup(topic, group);

  await (await findStoppedGroup(page, group)).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 }).getByTestId("lag-status")).toHaveText("STOP");
  await page.getByLabel("Allowed lag for this group").fill("10");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("allowed-lag")).toContainText("Lag at or below 10 counts as none");
  await expect(page.getByRole("heading", { level: 1 }).getByTestId("lag-status")).toHaveText("OK");
  await expect(page.getByTestId("partition-lag-row").nth(0).getByTestId("partition-rule")).toHaveText("lag 8, within the allowed 10");
});
