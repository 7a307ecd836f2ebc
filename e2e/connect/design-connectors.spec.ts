import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { uniqueName } from "../fixtures";
import { DesignerPage } from "../designer/designer.page";

// Connectors in designs (issue 14, items 5-7), against the real Connect worker the test run starts beside its
// broker (CONNECT_URL, port 18083): draw a FileStreamSource → topic → FileStreamSink flow, plan it, apply it, and
// see both connectors RUNNING live on the canvas while the sink's file fills with the source's lines.
const connectUrl = () => process.env.CONNECT_URL || "http://127.0.0.1:18083";

/** The cluster "local" has the worker as a Connect cluster (the console adds it on start; else through the form). */
async function ensureConnectCluster(page: Page) {
  await page.goto("/clusters");
  await page.getByTestId("cluster-row-local").getByRole("link", { name: "local", exact: true }).click();
  await page.getByRole("link", { name: "Connectors", exact: true }).click();
  const clusters = page.getByRole("region", { name: "Connect clusters" });
  await expect(clusters.getByTestId("connect-info").or(page.getByTestId("no-connect-clusters")).first()).toBeVisible();
  if (await page.getByTestId("no-connect-clusters").isVisible()) {
    await clusters.getByRole("button", { name: "Add Connect cluster" }).click();
    const form = page.getByRole("form", { name: "Add Connect cluster" });
    await form.getByLabel("Name").fill("local");
    await form.getByLabel("REST URL").fill(connectUrl());
    await form.getByRole("button", { name: "Add Connect cluster" }).click();
  }
  await expect(clusters.getByTestId("connect-info").first()).toContainText("FileStreamSinkConnector");
}

/** Sets a connector node's fields in the properties panel: name, plugin, and its config keys. */
async function fillConnector(d: DesignerPage, name: string, plugin: string, config: Record<string, string>) {
  const props = d.props();
  await props.getByLabel("Connector name").fill(name);
  await props.getByLabel("Plugin (connector.class)").fill(plugin);
  for (const [key, value] of Object.entries(config)) {
    await props.getByLabel("New connector config key").fill(key);
    await props.getByRole("button", { name: "Add", exact: true }).click();
    await props.getByLabel(key, { exact: true }).fill(value);
  }
}

test("draw a source → topic → sink flow, plan it, apply it, and see the connectors RUNNING live on the canvas", async ({ page }) => {
  test.setTimeout(180_000);
  const health = await fetch(`${connectUrl()}/`).catch(() => null);
  expect(health?.ok, `no Kafka Connect worker at ${connectUrl()}: npm test starts one`).toBe(true);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "topiary-e2e-design-connect-"));
  const input = path.join(dir, "in.txt");
  const output = path.join(dir, "out.txt");
  fs.writeFileSync(input, "alpha\nbeta\ngamma\n");
  const source = uniqueName("e2e-design-src");
  const sink = uniqueName("e2e-design-sink");
  const topicName = uniqueName("e2e.design.lines");

  try {
    await ensureConnectCluster(page);
    const d = new DesignerPage(page);
    const id = await d.createBlank();
    // Bound first, so the cluster's Connect checks each connector while it is drawn.
    await page.getByLabel("Bound cluster").selectOption({ label: "local" });

    await d.dropFromPalette("sourceConnector", 120, 160);
    await fillConnector(d, source, "FileStreamSource", { file: input });
    await d.dropFromPalette("topic", 440, 160);
    await d.props().getByLabel("Topic name").fill(topicName);
    await d.dropFromPalette("sinkConnector", 760, 160);
    await fillConnector(d, sink, "FileStreamSink", { file: output });

    const src = d.node(`Source connector ${source}`);
    const topic = d.node(`Topic ${topicName}`);
    const snk = d.node(`Sink connector ${sink}`);
    await d.connect(src, topic);
    await d.connect(topic, snk);
    await expect(page.locator(".react-flow__edge")).toHaveCount(2);
    await d.waitSaved();
    // The selected sink was checked by the bound cluster's Connect, and it found nothing wrong.
    await expect(d.props().getByTestId("connector-validation")).toContainText("Checked by Kafka Connect");
    await expect(d.props().getByTestId(/^error-connect-/)).toHaveCount(0);
    await expect(src.getByTestId("node-drift")).toHaveText("not created");

    await page.getByRole("link", { name: "Plan & apply" }).click();
    await expect(page).toHaveURL(new RegExp(`/designs/${id}/plan$`));
    await expect(page.getByTestId(`plan-connector-${source}`)).toContainText("create");
    await expect(page.getByTestId(`plan-connector-${source}`).getByTestId("plan-connector-key-topic")).toContainText(topicName);
    await expect(page.getByTestId(`plan-connector-${sink}`).getByTestId("plan-connector-key-topics")).toContainText(topicName);
    await page.getByRole("button", { name: "Apply 3 changes" }).click();
    const results = page.getByTestId("apply-results");
    await expect(results).toContainText("succeeded", { timeout: 90_000 });
    await expect(results.getByTestId("apply-step").filter({ hasText: "RUNNING with 1 task" })).toHaveCount(2);
    await expect(page.getByTestId("plan-summary")).toContainText("No changes");

    // Back on the canvas: both connectors RUNNING (the live poll), in sync, and the sink's file is the source's.
    await page.goto(`/designs/${id}`);
    await expect(src.getByTestId("node-connector-state")).toHaveText("RUNNING · 1 task", { timeout: 30_000 });
    await expect(snk.getByTestId("node-connector-state")).toHaveText("RUNNING · 1 task");
    await expect(src.getByTestId("node-connector-state")).toHaveClass(/live-ok/);
    await expect(snk.getByTestId("node-drift")).toHaveText("in sync");
    await expect.poll(() => (fs.existsSync(output) ? fs.readFileSync(output, "utf8") : ""), { timeout: 45_000 }).toBe("alpha\nbeta\ngamma\n");
  } finally {
    for (const name of [source, sink]) await fetch(`${connectUrl()}/connectors/${encodeURIComponent(name)}`, { method: "DELETE" }).catch(() => null);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
