import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { uniqueName } from "../fixtures";
import { DesignerPage } from "./designer.page";

test("draw a flow, connect it, edit a topic, fix a validation error, and find it all saved after reload", async ({ page }) => {
  const d = new DesignerPage(page);
  await d.createBlank();

  await d.dropFromPalette("producer", 120, 120);
  await d.dropFromPalette("topic", 420, 120);
  await d.dropFromPalette("consumerGroup", 720, 120);
  await expect(d.nodes()).toHaveCount(3);

  const producer = d.nodesOfKind("producer");
  const topic = d.nodesOfKind("topic");
  const group = d.nodesOfKind("consumerGroup");
  await d.connect(producer, topic);
  await d.connect(topic, group);
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);

  // A producer cannot feed a consumer group: refused while dragging, with the reason shown.
  const s = await producer.locator(".react-flow__handle.source").boundingBox();
  const t = await group.locator(".react-flow__handle.target").boundingBox();
  await page.mouse.move(s!.x + 3, s!.y + 3);
  await page.mouse.down();
  await page.mouse.move(t!.x + 3, t!.y + 3, { steps: 12 });
  await expect(page.getByTestId("connect-hint")).toContainText("writes to topics: connect it to a topic");
  await page.mouse.up();
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);

  const topicName = uniqueName("e2e.orders");
  await topic.click();
  const props = d.props();
  await props.getByLabel("Topic name").fill(topicName);
  await props.getByLabel("Partitions").fill("0");
  await expect(props.getByRole("alert")).toContainText("partitions must be at least 1");
  await expect(d.problems()).toContainText("partitions must be at least 1");
  await expect(topic.getByTestId("node-problem-badge")).toBeVisible();
  await props.getByLabel("Partitions").fill("6");
  await expect(d.problems()).not.toContainText("partitions must be at least 1");
  await props.getByLabel("New config key").fill("retention.ms");
  await props.getByRole("button", { name: "Add" }).click();
  await props.getByLabel("retention.ms", { exact: true }).fill("86400000");
  await expect(d.problems()).toContainText("0 errors");
  await d.waitSaved();

  await page.reload();
  await expect(d.nodes()).toHaveCount(3);
  await expect(page.locator(".react-flow__edge")).toHaveCount(2);
  await d.node(`Topic ${topicName}`).click();
  await expect(d.props().getByLabel("Partitions")).toHaveValue("6");
  await expect(d.props().getByLabel("retention.ms", { exact: true })).toHaveValue("86400000");
});

test("undo and redo, with buttons and keys", async ({ page }) => {
  const d = new DesignerPage(page);
  await d.createFromExample();
  await page.getByTestId("palette-topic").click();
  await expect(d.nodes()).toHaveCount(12);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(d.nodes()).toHaveCount(11);
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(d.nodes()).toHaveCount(12);

  await d.canvas().click({ position: { x: 20, y: 20 } });
  await page.keyboard.press("Control+z");
  await expect(d.nodes()).toHaveCount(11);
  await page.keyboard.press("Control+Shift+z");
  await expect(d.nodes()).toHaveCount(12);

  // Delete the new node, then undo brings it back.
  await d.node("Topic new-topic-5").click();
  await page.keyboard.press("Delete");
  await expect(d.nodes()).toHaveCount(11);
  await page.keyboard.press("Control+z");
  await expect(d.nodes()).toHaveCount(12);
  await d.waitSaved();
});

test("a problem in the list focuses its node", async ({ page }) => {
  const d = new DesignerPage(page);
  await d.createFromExample();
  await page.getByTestId("palette-consumerGroup").click();
  const problem = d.problems().getByRole("button", { name: /reads no topic/ });
  await d.canvas().click({ position: { x: 20, y: 20 } }); // deselect
  await expect(d.props()).toContainText("Select a node");
  await problem.click();
  await expect(d.props().getByLabel("Group id")).toHaveValue(/new-group-/);
});

test("export then import gives the same design (Topiary JSON and AsyncAPI)", async ({ page }) => {
  const d = new DesignerPage(page);
  const id = await d.createFromExample();
  const original = await (await page.request.get(`/api/designs/${id}`)).json();

  for (const [item, suffix] of [["Export JSON", ".topiary.json"], ["Export AsyncAPI 3.1", ".asyncapi.yaml"]] as const) {
    const download = page.waitForEvent("download");
    await d.exportAs(item);
    const file = await (await download).path();
    expect((await download).suggestedFilename()).toMatch(new RegExp(`${suffix.replace(/\./g, "\\.")}$`));
    expect(fs.statSync(file).size).toBeGreaterThan(500);

    // The example's name is taken by the original: the import takes the "(n)" name it is offered.
    await d.importFiles({ name: `shop${suffix}`, mimeType: "text/plain", buffer: fs.readFileSync(file) });
    await expect(page).toHaveURL(/\/designs\/[A-Za-z0-9_-]+$/);
    const importedId = page.url().split("/").pop()!;
    expect(importedId).not.toBe(id);
    const imported = await (await page.request.get(`/api/designs/${importedId}`)).json();

    const byId = (t: { nodes: { id: string }[] }) => [...t.nodes].sort((a, b) => a.id.localeCompare(b.id));
    const pairs = (t: { edges: { source: string; target: string }[] }) => t.edges.map((e) => `${e.source}->${e.target}`).sort();
    expect(byId(imported.topology)).toEqual(byId(original.topology));
    expect(pairs(imported.topology)).toEqual(pairs(original.topology));
    await page.goto(`/designs/${id}`);
  }
});

test("a file that is not a design is refused with a message naming the field", async ({ page }) => {
  await page.goto("/designs");
  const bad = { format: "topiary-design", version: 1, name: "bad", topology: { nodes: [{ id: "t", kind: "topic", data: { partitions: "six" } }], edges: [] } };
  await page.getByTestId("import-file").setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(bad)) });
  await expect(page.getByTestId("designs-error")).toContainText("topology.nodes.0.data.partitions");
});

test("two tabs editing one design: the stale one is told and can reload", async ({ page, context }) => {
  const a = new DesignerPage(page);
  const id = await a.createFromExample();
  const other = await context.newPage();
  const b = new DesignerPage(other);
  await other.goto(`/designs/${id}`);
  await expect(b.nodes()).toHaveCount(11);

  await page.getByTestId("palette-topic").click();
  await a.waitSaved();

  await other.getByTestId("palette-producer").click();
  await expect(other.getByTestId("conflict-banner")).toContainText("changed in another tab");
  await other.getByRole("button", { name: "Reload the newest version" }).click();
  await expect(b.nodes()).toHaveCount(12);
  await expect(b.nodesOfKind("topic")).toHaveCount(5);
  await expect(b.saveState()).toHaveText("Saved");
});

test("history lists revisions, shows what changed key by key, and restores", async ({ page }) => {
  const d = new DesignerPage(page);
  await d.createFromExample();
  await d.node("Topic shop.orders.v1").click();
  await d.props().getByLabel("Partitions").fill("12");
  await d.waitSaved();
  await page.getByRole("button", { name: "History" }).click();
  await page.getByTestId("revision-2").click();
  await expect(page.getByTestId("revision-diff")).toContainText("partitions");
  await expect(page.getByTestId("revision-diff")).toContainText("12");
  await page.getByTestId("revision-1").click();
  await page.getByRole("button", { name: "Restore #1" }).click();
  await expect(page.getByTestId("revision-3")).toContainText("Restored revision 1");
  await page.getByRole("button", { name: "Close" }).click();
  await d.node("Topic shop.orders.v1").click();
  await expect(d.props().getByLabel("Partitions")).toHaveValue("6");
});
