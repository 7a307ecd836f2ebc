import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { strToU8, zipSync } from "fflate";
import { uniqueName } from "../fixtures";
import { DesignerPage } from "./designer.page";

// Contracts in the designer (issue 19): attach a schema to a topic, see it checked as it is typed and listed on
// the node, keep it through a reload and through AsyncAPI 3.1; import a document split over files.

const ORDER_AVRO = JSON.stringify(
  {
    type: "record",
    name: "Order",
    namespace: "shop",
    fields: [
      { name: "orderId", type: "string" },
      { name: "customerId", type: "string" },
      { name: "total", type: "double" },
      { name: "currency", type: "string" },
      { name: "placedAt", type: "long" },
      { name: "note", type: ["null", "string"], default: null },
    ],
  },
  null,
  2,
);

test("attach a contract in the designer: checked as it is typed, listed on the node, kept after reload and through AsyncAPI 3.1", async ({ page }) => {
  const d = new DesignerPage(page);
  const id = await d.createBlank();
  await page.getByTestId("palette-topic").click();
  const topic = d.nodesOfKind("topic");
  await topic.click();
  const topicName = uniqueName("e2e.contracts");
  const props = d.props();
  await props.getByLabel("Topic name").fill(topicName);

  await props.getByRole("button", { name: "Attach a contract" }).click();
  await expect(props.getByTestId("contract-value-status")).toHaveText("Valid JSON Schema: object Event · 1 field");
  await expect(topic.getByTestId("node-contract-fields")).toContainText("id: string");

  // Avro, with a mistake: the editor says where, the design has an error on the node.
  await props.getByLabel("Value schema format").selectOption({ label: "Avro" });
  const schema = props.getByLabel("Value schema", { exact: true });
  await schema.fill('{\n  "type": "record",\n  "name": "Order",\n  "fields": [\n    { "name": "id", "type": "strng" }\n  ]\n}');
  await expect(props.getByTestId("contract-value-status")).toContainText("Line 5, column 29: Not a valid Avro schema: undefined type name: strng");
  await expect(d.problems()).toContainText("value schema (Avro)");
  await expect(topic.getByTestId("node-problem-badge")).toBeVisible();
  await props.getByRole("button", { name: "Go to line 5" }).click();
  await expect(schema).toBeFocused();

  await schema.fill(ORDER_AVRO);
  await expect(props.getByTestId("contract-value-status")).toHaveText("Valid Avro: record shop.Order · 6 fields");
  await expect(d.problems()).toContainText("0 errors");
  const fields = topic.getByTestId("node-contract-fields");
  await expect(fields).toContainText("Avro");
  await expect(fields).toContainText("orderId: string");
  await expect(fields).toContainText("+2 more");

  await props.getByRole("button", { name: "Attach a key schema" }).click();
  await expect(props.getByTestId("contract-key-status")).toHaveText('Valid Avro: string');
  await d.waitSaved();

  await page.reload();
  await d.node(`Topic ${topicName}`).click();
  await expect(d.props().getByLabel("Value schema", { exact: true })).toHaveValue(ORDER_AVRO);
  await expect(d.props().getByLabel("Key schema", { exact: true })).toHaveValue('"string"');
  await expect(d.node(`Topic ${topicName}`).getByTestId("node-contract-fields")).toContainText("+2 more");

  // AsyncAPI 3.1 out and back in: the contract is the same.
  const original = await (await page.request.get(`/api/designs/${id}`)).json();
  const download = page.waitForEvent("download");
  await d.exportAs("Export AsyncAPI 3.1");
  const text = fs.readFileSync(await (await download).path(), "utf8");
  expect(text).toMatch(/^asyncapi: 3\.1\.0$/m);
  expect(text).toContain("schemaFormat: application/vnd.apache.avro;version=1.9.0");
  // The design's own name is taken (it is still there): the import takes the name offered.
  await d.importFiles({ name: "contracts.asyncapi.yaml", mimeType: "text/plain", buffer: Buffer.from(text) });
  await expect(page).toHaveURL(/\/designs\/[A-Za-z0-9_-]+$/);
  const imported = await (await page.request.get(`/api/designs/${page.url().split("/").pop()}`)).json();
  const contractOf = (design: { topology: { nodes: { kind: string; data: { contract?: unknown } }[] } }) => design.topology.nodes.find((n) => n.kind === "topic")?.data.contract;
  expect(contractOf(imported)).toEqual(contractOf(original));
  expect(contractOf(imported)).toEqual({ value: { format: "avro", text: ORDER_AVRO }, key: { format: "avro", text: '"string"' } });
});

test("import a .zip whose AsyncAPI document refers to schema files beside it", async ({ page }) => {
  const base = path.resolve("lib/designs/asyncapi-fixtures/order-flow");
  const files = ["api/asyncapi.yaml", "api/schemas/order.avsc", "api/schemas/payment.proto", "common/common.yaml"];
  const zip = zipSync(Object.fromEntries(files.map((f) => [`order-flow/${f}`, strToU8(fs.readFileSync(path.join(base, f), "utf8"))])));
  const d = new DesignerPage(page);
  // importFiles takes the name offered if a design of the document's title exists already.
  await d.importFiles({ name: "order-flow.zip", mimeType: "application/zip", buffer: Buffer.from(zip) });
  await expect(page).toHaveURL(/\/designs\/[A-Za-z0-9_-]+$/);
  await expect(d.nodesOfKind("topic")).toHaveCount(4);
  await expect(d.node("Topic shop.payments.v1").getByTestId("node-contract-fields")).toContainText("order_id?: string");
  await expect(d.node("Topic shop.orders.v1").getByTestId("node-contract-fields")).toContainText("Avro");

  // Without the .proto file, the import is refused and names the reference.
  const partial = zipSync(Object.fromEntries(files.filter((f) => !f.endsWith(".proto")).map((f) => [f, strToU8(fs.readFileSync(path.join(base, f), "utf8"))])));
  await page.goto("/designs");
  await page.getByTestId("import-file").setInputFiles({ name: "partial.zip", mimeType: "application/zip", buffer: Buffer.from(partial) });
  await expect(page.getByTestId("designs-error")).toContainText('$ref "./schemas/payment.proto" leads to "api/schemas/payment.proto", which is not among the 3 imported files');
});

test("open the AsyncAPI example: an order flow with contracts in three formats", async ({ page }) => {
  await page.goto("/designs");
  await page.getByRole("button", { name: "Open the AsyncAPI example" }).click();
  const d = new DesignerPage(page);
  // When a design of the example's title exists already (opened before), the name offered is taken.
  await expect(d.canvas().or(d.nameDialog())).toBeVisible();
  if (await d.nameDialog().isVisible()) await d.nameDialog().getByRole("button", { name: "Import" }).click();
  await expect(page).toHaveURL(/\/designs\/[A-Za-z0-9_-]+$/);
  await expect(d.nodesOfKind("topic")).toHaveCount(3);
  await expect(page.getByTestId("node-contract-fields")).toHaveCount(3);
  await expect(d.node("Topic shop.shipments.v1").getByTestId("node-contract-fields")).toContainText("JSON Schema");
});
