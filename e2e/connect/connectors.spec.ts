import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { uniqueName } from "../fixtures";

// Against the real Connect worker the test run starts beside its broker (scripts/test.mjs: CONNECT_URL, port
// 18083). The console under test adds it to the cluster "local" on start; when it did not (CONNECT_URL unset
// for the console), the spec adds it through the form.
const connectUrl = () => process.env.CONNECT_URL || "http://127.0.0.1:18083";
const SOURCE = "org.apache.kafka.connect.file.FileStreamSourceConnector";

test("create a FileStreamSource connector in the form (validation under the fields, JSON and back), see it RUNNING, delete it", async ({ page }) => {
  test.setTimeout(120_000);
  const health = await fetch(`${connectUrl()}/`).catch(() => null);
  expect(health?.ok, `no Kafka Connect worker at ${connectUrl()}: npm test starts one (or node scripts/kafka/connect.mjs start --port 18083 --bootstrap 127.0.0.1:19092 --data-dir .topiary/test-connect)`).toBe(true);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "topiary-e2e-connect-"));
  const input = path.join(dir, "in.txt");
  fs.writeFileSync(input, "one\ntwo\nthree\n");
  const name = uniqueName("e2e-source");
  const topic = uniqueName("e2e-connect-lines");

  try {
    await page.goto("/clusters");
    await page.getByTestId("cluster-row-local").getByRole("link", { name: "local", exact: true }).click();
    await page.getByRole("link", { name: "Connectors", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Kafka Connect" })).toBeVisible();

    const clusters = page.getByRole("region", { name: "Connect clusters" });
    await expect(clusters.getByTestId("connect-info").or(page.getByTestId("no-connect-clusters")).first()).toBeVisible();
    if (await page.getByTestId("no-connect-clusters").isVisible()) {
      await clusters.getByRole("button", { name: "Add Connect cluster" }).click();
      const form = page.getByRole("form", { name: "Add Connect cluster" });
      await form.getByLabel("Name").fill("local");
      await form.getByLabel("REST URL").fill(connectUrl());
      await form.getByRole("button", { name: "Test" }).click();
      await expect(form.getByTestId("connect-test-result")).toContainText("Kafka Connect 4.1.1");
      await form.getByRole("button", { name: "Add Connect cluster" }).click();
    }
    await expect(clusters.getByTestId("connect-info").first()).toContainText("FileStreamSourceConnector");

    await page.getByRole("link", { name: "New connector" }).click();
    const form = page.getByTestId("connector-form");
    await form.getByLabel("Connector name").fill(name);
    await form.getByLabel("Plugin").selectOption(SOURCE);
    // The plugin's own keys appear from its config definition, the required one marked.
    await expect(form.getByRole("group", { name: "Connector" }).getByLabel("topic", { exact: true })).toBeVisible();

    // Connect's validation: its message under the field it is about.
    await form.getByLabel("file", { exact: true }).fill(input);
    await form.getByLabel("tasks.max", { exact: true }).fill("0");
    await form.getByRole("button", { name: "Validate" }).click();
    await expect(form.getByTestId("error-topic")).toHaveText('Missing required configuration "topic" which has no default value.');
    await expect(form.getByTestId("error-tasks.max")).toContainText("Value must be at least 1");
    await expect(form.getByTestId("validation-result")).toContainText("Connect found 2 errors");

    await form.getByLabel("topic", { exact: true }).fill(topic);
    await form.getByLabel("tasks.max", { exact: true }).fill("1");

    // The JSON editor holds the same values, and back in the form they are still there.
    await form.getByRole("tab", { name: "JSON" }).click();
    const json = form.getByLabel("Connector configuration as JSON");
    await expect(json).toHaveValue(new RegExp(`"topic": "${topic}"`));
    await expect(json).toHaveValue(new RegExp(`"name": "${name}"`));
    await form.getByRole("tab", { name: "Form" }).click();
    await expect(form.getByLabel("topic", { exact: true })).toHaveValue(topic);
    await expect(form.getByLabel("file", { exact: true })).toHaveValue(input);

    await form.getByRole("button", { name: "Validate" }).click();
    await expect(form.getByTestId("validation-result")).toHaveText("Connect found no error in this configuration.");
    await form.getByRole("button", { name: "Create connector" }).click();

    await expect(page.getByRole("heading", { level: 1, name: name })).toBeVisible();
    await expect(page.getByTestId("connector-detail-state")).toHaveText("RUNNING");
    await expect(page.getByTestId("task-0").getByTestId("task-state")).toHaveText("RUNNING");
    await expect(page.getByTestId("connector-topics")).toContainText(topic);
    // Offsets are committed every second; the page asks again every 10 s.
    await expect(page.getByTestId("offset-row")).toContainText('"position":14', { timeout: 30_000 });

    await page.getByRole("link", { name: "Connectors", exact: true }).click();
    const row = page.locator(`[data-testid="connector-row"][data-connector="${name}"]`);
    await expect(row.getByTestId("connector-state")).toHaveText("RUNNING");
    await expect(row.getByTestId("connector-tasks")).toHaveText("1 running");

    // Deleting needs the name typed back.
    await row.getByRole("link", { name }).click();
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: `Delete connector ${name}` });
    await dialog.getByLabel("Connector name to confirm").fill(name);
    await dialog.getByRole("button", { name: "Delete connector" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Kafka Connect" })).toBeVisible();
    await expect(page.locator(`[data-testid="connector-row"][data-connector="${name}"]`)).toHaveCount(0);
  } finally {
    await fetch(`${connectUrl()}/connectors/${name}`, { method: "DELETE" }).catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
