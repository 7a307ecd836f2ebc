import fs from "node:fs";
import path from "node:path";
import { zipSync, strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error";
import { bundleDocument, filesFromZip, findEntry, indexFiles, normalizePath, type SourceFile } from "./asyncapi-file-set";
import { asyncApiToTopology } from "./asyncapi-import";
import type { DesignNode } from "./design-schema";

const BASE = path.join(import.meta.dirname, "asyncapi-fixtures/order-flow");
const ORDER_FLOW = ["api/asyncapi.yaml", "api/schemas/order.avsc", "api/schemas/payment.proto", "common/common.yaml"];
const orderFlow = (): SourceFile[] => ORDER_FLOW.map((p) => ({ path: p, text: fs.readFileSync(path.join(BASE, p), "utf8") }));
type Topic = Extract<DesignNode, { kind: "topic" }>;

function bundle(files: SourceFile[]) {
  const index = indexFiles(files);
  return bundleDocument(index, findEntry(index)!);
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).userMessage;
  }
  throw new Error("not refused");
}

describe("a set of files as one AsyncAPI document", () => {
  it("resolves references to files of the set: an Avro file, a .proto file, a component of a shared YAML file", () => {
    const doc = bundle(orderFlow()) as Record<string, any>;
    expect(doc.components.messages.OrderPlaced.payload.schema).toEqual(JSON.parse(fs.readFileSync(path.join(BASE, "api/schemas/order.avsc"), "utf8")));
    expect(doc.channels.payments.messages.PaymentResult.payload.schema).toBe(fs.readFileSync(path.join(BASE, "api/schemas/payment.proto"), "utf8"));
    const customer = doc.channels.customers.messages.CustomerChanged;
    expect(customer.payload.title).toBe("Customer");
    // A recursive schema stays recursive, and a second reference to a copied part points at the copy.
    expect(customer.payload.properties.referredBy).toEqual({ $ref: "#/channels/customers/messages/CustomerChanged/payload" });
    expect(customer.bindings.kafka.key).toEqual({ $ref: "#/channels/customers/messages/CustomerChanged/payload/properties/customerId" });
    expect(doc.channels.shipments.messages.ShipmentBooked.payload.properties.to).toEqual({ $ref: "#/channels/customers/messages/CustomerChanged/payload/properties/address" });
  });

  it("imports the order flow with its contracts in three formats and its request/reply", () => {
    const { topology, warnings } = asyncApiToTopology(bundle(orderFlow()));
    const topics = topology.nodes.filter((n): n is Topic => n.kind === "topic");
    expect(topics.map((t) => [t.data.name, t.data.contract?.value.format, t.data.contract?.key?.format ?? null])).toEqual([
      ["shop.orders.v1", "avro", "json-schema"],
      ["shop.payments.v1", "protobuf", null],
      ["shop.customers.v1", "json-schema", "json-schema"],
      ["shop.shipments.eu.v1", "json-schema", null],
    ]);
    expect(topics[1].data.contract!.value.text).toBe(fs.readFileSync(path.join(BASE, "api/schemas/payment.proto"), "utf8"));
    expect(JSON.parse(topics[2].data.contract!.value.text).properties.referredBy).toEqual({ $ref: "#" });
    expect(JSON.parse(topics[2].data.contract!.key!.text)).toEqual({ type: "string", pattern: "^c-[0-9]+$" });
    expect(JSON.parse(topics[3].data.contract!.value.text).definitions.address.properties.city).toEqual({ type: "string" });
    expect(topology.nodes.find((n) => n.id === "payment-gateway")).toMatchObject({ kind: "processor", data: { groupId: "payment-gateway" } });
    expect(topology.edges.map((e) => `${e.source}->${e.target}`)).toContain("payment-gateway->shop-payments-v1");
    expect(warnings).toEqual([expect.stringMatching(/^Channel "shipments" has parameters in its address/)]);
  });

  it("refuses references that leave the set, naming them", () => {
    const withRef = (ref: string, extra: SourceFile[] = []) => [
      { path: "api/asyncapi.yaml", text: `asyncapi: 3.1.0\ninfo: { title: x, version: '1' }\ncomponents:\n  schemas:\n    A: { $ref: '${ref}' }\n` },
      ...extra,
    ];
    expect(refusal(() => bundle(withRef("https://example.com/a.json")))).toBe('api/asyncapi.yaml: $ref "https://example.com/a.json" points to a URL: Topiary reads only the files you import, never the network');
    expect(refusal(() => bundle(withRef("file:///etc/passwd")))).toMatch(/points to a URL/);
    expect(refusal(() => bundle(withRef("/etc/hostname")))).toMatch(/is an absolute path/);
    expect(refusal(() => bundle(withRef("C:\\schemas\\a.json")))).toMatch(/is an absolute path/);
    expect(refusal(() => bundle(withRef("../../outside.yaml")))).toMatch(/leads outside the imported files/);
    expect(refusal(() => bundle(withRef("./schemas/missing.avsc")))).toBe(
      'api/asyncapi.yaml: $ref "./schemas/missing.avsc" leads to "api/schemas/missing.avsc", which is not among the 1 imported file: import the folder or a .zip that holds it',
    );
    const other = [{ path: "api/other.yaml", text: "a: 1\n" }];
    expect(refusal(() => bundle(withRef("./other.yaml#/b", other)))).toMatch(/"\/b" is not in api\/other\.yaml/);
    expect(refusal(() => bundle(withRef("./other.yaml#b", other)))).toMatch(/only JSON pointers/);
    // A reference inside a referenced file is held to the same rule.
    expect(refusal(() => bundle(withRef("./other.yaml#/a", [{ path: "api/other.yaml", text: "a: { $ref: 'http://169.254.169.254/latest' }\n" }])))).toMatch(/^api\/other\.yaml: \$ref "http:\/\/169\.254\.169\.254\/latest" points to a URL/);
    expect(refusal(() => bundle(withRef("./bad.yaml", [{ path: "api/bad.yaml", text: "a: [" }])))).toMatch(/^api\/bad\.yaml is neither YAML nor JSON/);
  });

  it("finds the document among the files, preferring asyncapi.* nearest the top, and refuses an ambiguous set", () => {
    const doc = (title: string) => `asyncapi: 3.1.0\ninfo: { title: ${title}, version: '1' }\n`;
    expect(findEntry(indexFiles([{ path: "x/asyncapi.yaml", text: doc("a") }, { path: "x/old/service.yaml", text: doc("b") }]))?.path).toBe("x/asyncapi.yaml");
    expect(findEntry(indexFiles([{ path: "schemas/a.avsc", text: '"string"' }]))).toBeUndefined();
    expect(refusal(() => findEntry(indexFiles([{ path: "a.yaml", text: doc("a") }, { path: "b.yaml", text: doc("b") }])))).toMatch(/^The files hold 2 AsyncAPI documents \(a\.yaml, b\.yaml\)/);
  });

  it("bounds the set and a document its references would blow up", () => {
    expect(refusal(() => indexFiles([]))).toBe("No file was given");
    expect(refusal(() => indexFiles(Array.from({ length: 201 }, (_, i) => ({ path: `f${i}.yaml`, text: "" }))))).toMatch(/At most 200 files/);
    expect(refusal(() => indexFiles([{ path: "a.yaml", text: "x" }, { path: "./a.yaml", text: "y" }]))).toBe('"a.yaml" is given twice');
    // Each level refers to the one below twice: 2^24 copies if references were copied every time.
    const levels = Array.from({ length: 24 }, (_, i) => ({ path: `l${i}.yaml`, text: `a: { $ref: './l${i + 1}.yaml' }\nb: { $ref: './l${i + 1}.yaml' }\n` }));
    const doc = bundle([{ path: "asyncapi.yaml", text: "asyncapi: 3.1.0\ninfo: { title: x, version: '1' }\nx-bomb: { $ref: './l0.yaml' }\n" }, ...levels, { path: "l24.yaml", text: "leaf: 1\n" }]);
    expect(JSON.stringify(doc).length).toBeLessThan(5000);
  });

  it("normalizes paths", () => {
    expect(normalizePath("./a/../b\\c.yaml")).toBe("b/c.yaml");
    expect(normalizePath("../x")).toBe("../x");
  });
});

describe("filesFromZip", () => {
  it("reads the documents and schemas of a .zip, skipping folders, hidden files and other files", () => {
    const zip = zipSync({
      "order-flow/": new Uint8Array(),
      ...Object.fromEntries(orderFlow().map((f) => [`order-flow/${f.path}`, strToU8(f.text)])),
      "__MACOSX/order-flow/._asyncapi.yaml": strToU8("junk"),
      "order-flow/.DS_Store": strToU8("junk"),
      "order-flow/logo.png": new Uint8Array([137, 80, 78, 71]),
    });
    const files = filesFromZip(zip);
    expect(files.map((f) => f.path).sort()).toEqual(ORDER_FLOW.map((p) => `order-flow/${p}`).sort());
    const { topology } = asyncApiToTopology(bundle(files));
    expect(topology.nodes.filter((n) => n.kind === "topic")).toHaveLength(4);
  });

  it("refuses what is not a zip", () => {
    expect(refusal(() => filesFromZip(strToU8("not a zip")))).toMatch(/^Not a readable \.zip file/);
  });
});
