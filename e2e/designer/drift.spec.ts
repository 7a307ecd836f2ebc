import { expect, test } from "@playwright/test";
import { Kafka, logLevel } from "kafkajs";
import { kafkaBrokers, uniqueName } from "../fixtures";
import { DesignerPage } from "./designer.page";

// Issue 12, item 8: selecting a drifted or refused node shows why, and the cluster's value next to the design's,
// in the properties panel (before, only the Plan page said it).

test("a drifted and a refused topic show the design's and the cluster's values and the reason on select", async ({ page }) => {
  const admin = new Kafka({ clientId: "topiary-e2e-drift", brokers: kafkaBrokers().split(","), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const drifted = uniqueName("e2e.drift.orders");
  const refused = uniqueName("e2e.drift.payments");
  try {
    await admin.createTopics({
      topics: [
        { topic: drifted, numPartitions: 3, replicationFactor: 1, configEntries: [{ name: "retention.ms", value: "604800000" }] },
        { topic: refused, numPartitions: 6, replicationFactor: 1 },
      ],
      waitForLeaders: true,
    });

    const d = new DesignerPage(page);
    await d.createBlank();
    const props = d.props();
    // The first as in the cluster but for its retention; the second with fewer partitions than the cluster's.
    await page.getByTestId("palette-topic").click();
    await props.getByLabel("Topic name").fill(drifted);
    await props.getByLabel("Partitions").fill("3");
    await props.getByLabel("New config key").fill("retention.ms");
    await props.getByRole("button", { name: "Add" }).click();
    await props.getByLabel("retention.ms", { exact: true }).fill("86400000");
    await page.getByTestId("palette-topic").click();
    await props.getByLabel("Topic name").fill(refused);
    await props.getByLabel("Partitions").fill("2");
    await d.waitSaved();
    await page.getByLabel("Bound cluster").selectOption({ label: "local" });

    const driftedNode = d.node(`Topic ${drifted}`);
    const refusedNode = d.node(`Topic ${refused}`);
    await expect(driftedNode.getByTestId("node-drift")).toHaveText("drifted");
    await expect(refusedNode.getByTestId("node-drift")).toHaveText("refused");

    await driftedNode.click();
    const details = props.getByTestId("drift-details");
    await expect(details).toContainText("drifted");
    const retention = details.getByTestId("drift-value-retention.ms");
    await expect(retention.getByRole("cell")).toHaveText(["86400000", "604800000"]);
    await expect(details.getByTestId("drift-value-partitions")).toHaveCount(0);

    await refusedNode.click();
    await expect(details).toContainText("refused");
    const partitions = details.getByTestId("drift-value-partitions");
    await expect(partitions).toContainText("refused");
    await expect(partitions.getByRole("cell")).toHaveText(["2", "6"]);
    await expect(details).toContainText("Kafka cannot remove partitions");

    // Made as designed, the topic is in sync and the values go.
    await props.getByLabel("Partitions").fill("6");
    await expect(refusedNode.getByTestId("node-drift")).toHaveText("in sync");
    await expect(details).toContainText("in sync");
    await expect(details.getByRole("table")).toHaveCount(0);
  } finally {
    await admin.deleteTopics({ topics: [drifted, refused] }).catch(() => {});
    await admin.disconnect();
  }
});
