import { expect, test, type Page } from "@playwright/test";
import { uniqueName } from "../fixtures";

// Against the test Schema Registry (server/test-support/schema-registry/: the Confluent endpoints Topiary calls, as
// documented; no real registry can be installed here), run as a process beside the console:
//   node scripts/test/schema-registry.mjs --port 18081      (SCHEMA_REGISTRY_URL overrides the address)
// The spec adds it to the cluster "local" through the registry page when the cluster has none yet.
const registryUrl = () => process.env.SCHEMA_REGISTRY_URL || `http://127.0.0.1:${process.env.SCHEMA_REGISTRY_PORT || 18081}`;

const order = (fields: object[] = []) =>
  JSON.stringify({ type: "record", name: "Order", namespace: "e2e", fields: [{ name: "id", type: "string" }, { name: "total", type: "int" }, ...fields] }, null, 2);

async function openNewTopic(page: Page, name: string) {
  await page.goto("/clusters");
  await page.getByTestId("cluster-row-local").getByRole("link", { name: "local" }).click();
  await page.getByRole("button", { name: "Create topic" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name", { exact: true }).fill(name);
  await dialog.getByRole("button", { name: "Create" }).click();
  await expect(dialog).not.toBeVisible();
  await page.getByLabel("Search topics").fill(name);
  await page.getByTestId(`topic-row-${name}`).getByRole("link", { name }).click();
  await expect(page.getByRole("region", { name: "Message browser" })).toBeVisible();
  return page.url();
}

test("register a subject, see its versions and their diff, produce with it, see the decoded rows", async ({ page }) => {
  test.setTimeout(120_000);
  const health = await fetch(`${registryUrl()}/subjects`).catch(() => null);
  expect(health?.ok, `no Schema Registry at ${registryUrl()}: start the test registry with node scripts/test/schema-registry.mjs --port 18081`).toBe(true);
  const topic = uniqueName("e2e.orders");
  const subject = `${topic}-value`;
  const topicUrl = await openNewTopic(page, topic);

  // The cluster's registry: added through the form when the cluster has none.
  await page.goto("/clusters");
  await page.getByTestId("cluster-row-local").getByRole("link", { name: "local" }).click();
  await page.getByRole("link", { name: "Schema Registry", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Schema Registry/ })).toBeVisible();
  await expect(page.getByTestId("registry-settings").or(page.getByTestId("no-registry"))).toBeVisible();
  if (await page.getByTestId("no-registry").isVisible()) {
    await page.getByRole("button", { name: "Add its URL" }).click();
    const form = page.getByRole("form", { name: "Schema Registry settings" });
    await form.getByLabel("Schema Registry URL").fill(registryUrl());
    await form.getByRole("button", { name: "Test" }).click();
    await expect(form.getByTestId("registry-test-result")).toContainText("global compatibility level");
    await form.getByRole("button", { name: "Save" }).click();
  }
  await expect(page.getByTestId("registry-settings")).toContainText("global level");

  // A new subject, checked and registered.
  await page.getByRole("button", { name: "Register a new subject" }).click();
  const create = page.getByRole("form", { name: "Register a new subject" });
  await create.getByLabel("Subject", { exact: true }).fill(subject);
  await create.getByLabel("Schema", { exact: true }).fill(order());
  await create.getByRole("button", { name: "Check compatibility" }).click();
  await expect(create.getByTestId("compatibility-verdict")).toContainText("Compatible");
  await create.getByRole("button", { name: "Register" }).click();
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(page.getByTestId("schema-version")).toContainText("Version 1");

  // A breaking version is refused with the registry's own words; a compatible one becomes version 2.
  await page.getByRole("button", { name: "New version" }).click();
  const next = page.getByRole("form", { name: `New version of ${subject}` });
  await next.getByLabel("Schema", { exact: true }).fill(order([{ name: "qty", type: "int" }]));
  await next.getByRole("button", { name: "Check compatibility" }).click();
  await expect(next.getByTestId("compatibility-verdict")).toContainText("Not compatible");
  await expect(next.getByTestId("compatibility-verdict")).toContainText("qty");
  await next.getByLabel("Schema", { exact: true }).fill(order([{ name: "qty", type: "int", default: 1 }]));
  await next.getByRole("button", { name: "Register" }).click();
  await expect(page.getByRole("group", { name: "Choose a version" }).getByRole("button", { name: "2" })).toBeVisible();

  // Version 2 against version 1: the added field is an added line.
  await page.getByRole("group", { name: "Choose a version" }).getByRole("button", { name: "2" }).click();
  await page.getByLabel("Compare with version").selectOption("1");
  await expect(page.getByTestId("schema-diff")).toBeVisible();
  await expect(page.getByTestId("diff-added").filter({ hasText: '"qty"' })).toBeVisible();

  // Produce with the subject: a value that breaks it is refused by field, then a good one is sent framed.
  await page.goto(topicUrl);
  await page.getByRole("button", { name: "Produce" }).click();
  const produce = page.getByRole("form", { name: "Produce a message" });
  await produce.getByLabel("Schema Registry subject").check();
  await expect(produce.getByLabel("Subject", { exact: true })).toHaveValue(subject);
  await expect(produce.getByTestId("produce-schema")).toContainText("schema id");
  await produce.getByLabel("Message key").fill("order-1");
  await produce.getByLabel("Message value").fill('{"id": 5, "total": 10, "qty": 3}');
  await expect(produce.getByTestId("error-schema-value")).toContainText("id");
  await expect(produce.getByRole("button", { name: "Send" })).toBeDisabled();
  await produce.getByLabel("Message value").fill('{"id": "o-1", "total": 10, "qty": 3}');
  await produce.getByRole("button", { name: "Send" }).click();
  await expect(produce.getByTestId("produce-result")).toContainText(`${subject} version 2`);

  // The search decodes it: format, subject and schema id on the row; CEL reads the decoded field.
  const browser = page.getByRole("region", { name: "Message browser" });
  await browser.getByLabel("Start from").selectOption("earliest");
  await browser.getByLabel("Filter expression").fill("value.qty == 3");
  await browser.getByRole("button", { name: "Search" }).click();
  await expect(browser.getByTestId("scan-progress")).toContainText("reached the end offsets");
  await expect(browser.getByTestId("message-row")).toHaveCount(1);
  await expect(browser.getByTestId("value-decoded")).toContainText(`${subject} v2`);
  await browser.getByTestId("message-row").click();
  await expect(browser.getByTestId("decoded-with")).toContainText("Avro");
  await expect(browser.getByTestId("message-detail")).toContainText('"qty": 3');
});
