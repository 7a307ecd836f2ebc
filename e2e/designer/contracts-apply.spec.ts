import { expect, test, type Page } from "@playwright/test";
import { Kafka, logLevel } from "kafkajs";
import { kafkaBrokers, uniqueName } from "../fixtures";
import { TopicsPage } from "../topics/topics.page";
import { DesignerPage } from "./designer.page";

// Issue 19, items 6 and 7: a contract attached in the designer is planned and registered as the topic's subject
// on the bound cluster's Schema Registry, and the canvas shows the share of the topic's newest messages that
// conform to it. Items 3 and 4 on the same topic: the produce form encodes a value with the bound design's
// contract, and the message browser decodes the rows with it (the row says so) and filters on the decoded value.
// Needs the test Schema Registry, as e2e/registry/registry.spec.ts does:
//   node scripts/test/schema-registry.mjs --port 18081      (SCHEMA_REGISTRY_URL overrides the address)
// The spec adds it to the cluster "local" through the registry page when the cluster has none yet.
const registryUrl = () => process.env.SCHEMA_REGISTRY_URL || `http://127.0.0.1:${process.env.SCHEMA_REGISTRY_PORT || 18081}`;

async function ensureRegistry(page: Page) {
  await page.goto("/clusters");
  await page.getByTestId("cluster-row-local").getByRole("link", { name: "local" }).click();
  await page.getByRole("link", { name: "Schema Registry", exact: true }).click();
  await expect(page.getByTestId("registry-settings").or(page.getByTestId("no-registry"))).toBeVisible();
  if (await page.getByTestId("no-registry").isVisible()) {
    await page.getByRole("button", { name: "Add its URL" }).click();
    const form = page.getByRole("form", { name: "Schema Registry settings" });
    await form.getByLabel("Schema Registry URL").fill(registryUrl());
    await form.getByRole("button", { name: "Save" }).click();
  }
  await expect(page.getByTestId("registry-settings")).toContainText("global level");
}

async function produce(topic: string, values: string[]) {
  const producer = new Kafka({ clientId: "topiary-e2e-contracts", brokers: kafkaBrokers().split(","), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  try {
    await producer.send({ topic, messages: values.map((value) => ({ value })) });
  } finally {
    await producer.disconnect();
  }
}

test("attach a contract, apply it to a cluster with a registry (the subject in the plan), see the share that conforms on the node, then produce with it and see the decoded row", async ({ page }) => {
  test.setTimeout(240_000);
  const health = await fetch(`${registryUrl()}/subjects`).catch(() => null);
  expect(health?.ok, `no Schema Registry at ${registryUrl()}: start the test registry with node scripts/test/schema-registry.mjs --port 18081`).toBe(true);
  await ensureRegistry(page);

  // A topic with the starter JSON Schema contract (object Event, "id" a required string).
  const d = new DesignerPage(page);
  const designName = uniqueName("e2e-design");
  const id = await d.createBlank(designName);
  const topicName = uniqueName("e2e.contracts.apply");
  await page.getByTestId("palette-topic").click();
  const props = d.props();
  await props.getByLabel("Topic name").fill(topicName);
  await props.getByRole("button", { name: "Attach a contract" }).click();
  await expect(props.getByTestId("contract-value-status")).toHaveText("Valid JSON Schema: object Event · 1 field");
  // The subject it goes under, by the design's strategy (TopicNameStrategy unless changed).
  await expect(props.getByLabel("Subject naming strategy")).toHaveValue("TopicNameStrategy");
  await expect(props.getByTestId("subject-value")).toHaveText(`value: ${topicName}-value`);
  await d.waitSaved();
  await page.getByLabel("Bound cluster").selectOption({ label: "local" });

  // The plan registers the subject after creating the topic.
  await page.getByRole("link", { name: "Plan & apply" }).click();
  await expect(page).toHaveURL(new RegExp(`/designs/${id}/plan$`));
  const subject = page.getByTestId(`plan-subject-${topicName}-value`);
  await expect(subject).toContainText("new subject");
  await expect(page.getByTestId("plan-summary")).toContainText("1 subject(s) to register.");
  await page.getByRole("button", { name: "Apply 2 changes" }).click();
  const results = page.getByTestId("apply-results");
  await expect(results).toContainText("succeeded");
  await expect(results.getByTestId("apply-step").filter({ hasText: `register ${topicName}-value` })).toContainText("registered as version 1");
  await expect(page.getByTestId(`plan-subject-${topicName}-value`)).toContainText("in sync");

  // Nine messages that conform and one whose "id" is a number.
  await produce(topicName, [...Array.from({ length: 9 }, (_, i) => JSON.stringify({ id: `e-${i}` })), JSON.stringify({ id: 5 })]);

  await page.goto(`/designs/${id}`);
  const node = d.node(`Topic ${topicName}`);
  await expect(node.getByTestId("node-drift")).toHaveText("in sync");
  await node.click();
  const conformance = d.props().getByTestId("conformance-details");
  await expect(conformance).toBeVisible();
  // Check now samples the topic again (the canvas may have sampled it before the messages were produced).
  await expect(async () => {
    await conformance.getByRole("button", { name: "Check now" }).click();
    await expect(node.getByTestId("node-conformance")).toHaveText("90 % of 10 conform", { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(conformance.getByTestId("conformance-share")).toContainText("90 % of 10 conform");
  const violation = conformance.getByTestId("conformance-violation");
  await expect(violation).toHaveCount(1);
  await expect(violation.getByRole("cell")).toHaveText(["0:9", "value.id", "must be string"]);
  await expect(d.props().getByTestId("drift-details").getByTestId("contract-drift-value")).toContainText("in sync");

  // The topic's Messages tab: produce through the form, encoded with the bound design's contract.
  const topics = new TopicsPage(page);
  await topics.openCluster("local");
  await topics.openTopic(topicName);
  await topics.openTab("Messages");
  const browser = page.getByRole("tabpanel", { name: "Messages" }).getByRole("region", { name: "Message browser" });
  await expect(browser).toBeVisible();
  await browser.getByRole("button", { name: "Produce", exact: true }).click();
  const form = browser.getByRole("form", { name: "Produce a message" });
  const encodeWith = form.getByRole("group", { name: "Encode the value with" });
  await encodeWith.getByLabel(`the topic's contract in “${designName}” (JSON Schema, no registry framing)`).check();
  // A value the contract refuses is named by field and cannot be sent; a conforming one is sent unframed.
  await form.getByLabel("Message value").fill('{"id": 7}');
  await expect(form.getByTestId("error-schema-value")).toContainText("must be string");
  await expect(form.getByRole("button", { name: "Send" })).toBeDisabled();
  await form.getByLabel("Message key").fill("from-the-form");
  await form.getByLabel("Message value").fill('{"id": "e-form", "qty": 3}');
  await expect(form.getByTestId("error-schema-value")).toHaveCount(0);
  await form.getByRole("button", { name: "Send" }).click();
  await expect(form.getByTestId("produce-result")).toContainText("json-schema, the topic's contract");

  // Decoding: the registry's framing and, for unframed values, the bound design's contract (its default once known).
  const decoding = browser.getByTestId("decode-choice");
  await expect(decoding.locator("summary")).toHaveText("Decoding: Schema Registry framing + the topic's contract");
  await decoding.locator("summary").click();
  await decoding.getByLabel(`with the topic's contract in “${designName}” (JSON Schema)`).check();

  // Every message, the produced one decoded with the contract (the row says so).
  await browser.getByLabel("Start from").selectOption("earliest");
  await browser.getByRole("button", { name: "Search" }).click();
  await expect(browser.getByTestId("scan-progress")).toContainText("reached the end offsets", { timeout: 60_000 });
  await expect(browser.getByTestId("message-row")).toHaveCount(11);
  const produced = browser.getByTestId("message-row").filter({ hasText: "from-the-form" });
  await expect(produced).toHaveCount(1);
  await expect(produced.getByTestId("value-decoded")).toHaveText("JSON Schema · contract");

  // A CEL filter on the decoded value finds it alone.
  await browser.getByLabel("Filter expression").fill('value.id == "e-form" && value.qty == 3');
  await browser.getByRole("button", { name: "Search" }).click();
  await expect(browser.getByTestId("scan-progress")).toContainText("reached the end offsets", { timeout: 30_000 });
  await expect(browser.getByTestId("message-row")).toHaveCount(1);
  await expect(browser.getByTestId("message-row")).toContainText("from-the-form");
  await expect(browser.getByTestId("value-decoded")).toHaveText("JSON Schema · contract");
  await browser.getByTestId("message-row").click();
  await expect(browser.getByTestId("decoded-with")).toHaveText("The value decoded as JSON Schema · contract");
  await expect(browser.getByTestId("message-detail")).toContainText('"qty": 3');
});
