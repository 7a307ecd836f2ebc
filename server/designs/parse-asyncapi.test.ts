import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { asyncApiToYaml, topologyToAsyncApi } from "@/lib/designs/asyncapi-export";
import { asyncApiToTopology } from "@/lib/designs/asyncapi-import";
import type { DesignNode, Topology } from "@/lib/designs/design-schema";
import { exampleTopology } from "@/lib/designs/example-design";
import { AppError } from "@/lib/errors/app-error";
import { parseAsyncApi, parseAsyncApiFiles } from "./parse-asyncapi";

const FIXTURES = path.resolve(import.meta.dirname, "../../lib/designs/asyncapi-fixtures");

const byId = (nodes: DesignNode[]) => [...nodes].sort((a, b) => a.id.localeCompare(b.id));
const pairs = (t: Topology) => t.edges.map((e) => `${e.source}->${e.target}`).sort();

async function refusal(text: string): Promise<AppError> {
  const error = await parseAsyncApi(text).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("VALIDATION");
  return error as AppError;
}

describe("parseAsyncApi", () => {
  it("accepts Topiary's export of the example design (YAML and JSON) and gives the design back", async () => {
    const doc = topologyToAsyncApi("Shop", exampleTopology(), { bootstrapServers: "localhost:9092" });
    for (const text of [asyncApiToYaml(doc), JSON.stringify(doc, null, 2)]) {
      const { topology, warnings, version } = await parseAsyncApi(text);
      expect(version).toBe("3.1.0");
      expect(warnings).toEqual([]);
      expect(byId(topology.nodes)).toEqual(byId(exampleTopology().nodes));
      expect(pairs(topology)).toEqual(pairs(exampleTopology()));
    }
  });

  it("accepts the export of a design that still holds invalid values", async () => {
    const topic = { partitions: 1, replicationFactor: 1, configs: {}, description: "", deleteOnApply: false };
    const odd: Topology = {
      nodes: [
        { id: "t1", kind: "topic", data: { ...topic, name: "my topic?#", partitions: 0, configs: { "cleanup.policy": "sometimes", "retention.ms": "-5" }, deleteOnApply: true } },
        { id: "t2", kind: "topic", data: { ...topic, name: "" } },
        { id: "t3", kind: "topic", data: { ...topic, name: "my topic?#" } },
        { id: "p", kind: "producer", data: { appName: "", clientId: "", description: "", examplePayload: "not json", rate: null } },
        { id: "g", kind: "consumerGroup", data: { appName: "", groupId: "", description: "" } },
      ],
      edges: [
        { id: "a", source: "p", target: "t1" },
        { id: "b", source: "t3", target: "g" },
      ],
    };
    const { topology } = await parseAsyncApi(asyncApiToYaml(topologyToAsyncApi("Odd", odd)));
    expect(byId(topology.nodes)).toEqual(byId(odd.nodes));
    expect(pairs(topology)).toEqual(pairs(odd));
  });

  it("reads an AsyncAPI 2.6 document", async () => {
    const text = `
asyncapi: 2.6.0
info:
  title: Orders
  version: 1.0.0
servers:
  local:
    url: localhost:9092
    protocol: kafka
channels:
  orders:
    bindings:
      kafka:
        bindingVersion: 0.4.0
        partitions: 6
        replicas: 2
        topicConfiguration:
          cleanup.policy: [compact]
          retention.bytes: 1048576
    subscribe:
      operationId: publishOrder
      bindings:
        kafka:
          bindingVersion: 0.4.0
          clientId: { type: string, enum: [order-service] }
      message:
        payload: { type: object }
    publish:
      operationId: billOrder
      bindings:
        kafka:
          bindingVersion: 0.4.0
          groupId: { type: string, enum: [billing] }
      message:
        payload: { type: object }
`;
    const { topology, warnings, version } = await parseAsyncApi(text);
    expect(version).toBe("2.6.0");
    expect(warnings).toEqual([]);
    expect(topology.nodes.map((n) => [n.kind, n.id])).toEqual([
      ["topic", "orders"],
      ["producer", "order-service"],
      ["consumerGroup", "billing"],
    ]);
    expect(topology.nodes[0].data).toMatchObject({ name: "orders", partitions: 6, replicationFactor: 2, configs: { "cleanup.policy": "compact", "retention.bytes": "1048576" } });
    expect(pairs(topology)).toEqual(["order-service->orders", "orders->billing"]);
  });

  it("refuses an invalid document with the parser's messages and where they point", async () => {
    const noInfo = await refusal(JSON.stringify({ asyncapi: "3.0.0", channels: {} }));
    expect(noInfo.userMessage).toMatch(/^Not a valid AsyncAPI document: /);
    expect(noInfo.userMessage).toContain('must have required property "info"');

    const badChannel = await refusal("asyncapi: 3.0.0\ninfo: { title: x, version: '1' }\nchannels:\n  orders: 42\n");
    expect(badChannel.userMessage).toContain('/channels/orders: "orders" property type must be object');
  });

  it("refuses text that is no AsyncAPI document", async () => {
    for (const text of ["hello: [", "just some words", "", "- a\n- b", '{"asyncapi": "3.0.0",']) {
      expect((await refusal(text)).userMessage).toMatch(/^Not a valid AsyncAPI document/);
    }
  });

  it("accepts Topiary's 3.0 export too, and the contracts survive the parser's validation", async () => {
    const doc = topologyToAsyncApi("Shop", exampleTopology(), { version: "3.0.0" });
    const { topology, version } = await parseAsyncApi(asyncApiToYaml(doc));
    expect(version).toBe("3.0.0");
    expect(byId(topology.nodes)).toEqual(byId(exampleTopology().nodes));
  });

  it("accepts Topiary's own single-file 3.1.0 fixtures (a Kafka flow, a request/reply pair) and reads them as the importer does", async () => {
    const names = fs.readdirSync(path.join(FIXTURES, "single-file")).sort();
    expect(names).toEqual(["card-authoriser.asyncapi.yaml", "card-terminal.asyncapi.yaml", "warehouse-stock.asyncapi.yaml"]);
    const parsed = new Map<string, Awaited<ReturnType<typeof parseAsyncApi>>>();
    for (const name of names) {
      const text = fs.readFileSync(path.join(FIXTURES, "single-file", name), "utf8");
      const result = await parseAsyncApi(text, name);
      expect(result.version, name).toBe("3.1.0");
      expect(result.entry, name).toBe(name);
      // The parser's validation passed; the design is the one the importer makes of the document as written.
      expect(result.topology, name).toEqual(asyncApiToTopology(YAML.parse(text)).topology);
      parsed.set(name, result);
    }
    const warehouse = parsed.get("warehouse-stock.asyncapi.yaml")!;
    expect(warehouse.title).toBe("Warehouse stock flow");
    expect(warehouse.topology.nodes.filter((n) => n.kind === "topic").map((n) => n.kind === "topic" && [n.data.name, n.data.addressPattern ?? null, n.data.contract?.value.format])).toEqual([
      ["depot.nl-ams-1.bins.counted", "depot.{site}.bins.counted", "json-schema"],
      ["depot.nl-ams-1.picks.requested", "depot.{site}.picks.requested", "avro"],
      ["depot.nl-ams-1.doors.door.arrivals", "depot.{site}.doors.{door}.arrivals", "json-schema"],
      ["depot.stock.ledger", null, "json-schema"],
    ]);
    expect(warehouse.warnings.filter((w) => w.includes("has parameters in its address"))).toHaveLength(3);
    // The reply channels are kept: the authoriser writes the terminals' reply topic, the terminal reads its own.
    expect(pairs(parsed.get("card-authoriser.asyncapi.yaml")!.topology)).toContain("card-authoriser->payments-card-replies-terminal");
    expect(pairs(parsed.get("card-terminal.asyncapi.yaml")!.topology)).toContain("payments-card-replies-till-07->checkout-terminal");
    expect(parsed.get("card-authoriser.asyncapi.yaml")!.warnings).toContain('Operation "cancel" replies on an address chosen at run time ($message.header#/replyTopic): no topic was made for its replies');
  });

  it("reads a document split over files, with references inside the set only", async () => {
    const files = ["api/asyncapi.yaml", "api/schemas/order.avsc", "api/schemas/payment.proto", "common/common.yaml"].map((p) => ({ path: p, text: fs.readFileSync(path.join(FIXTURES, "order-flow", p), "utf8") }));
    const parsed = await parseAsyncApiFiles(files);
    expect(parsed).toMatchObject({ version: "3.1.0", title: "Order flow (split over files)", entry: "api/asyncapi.yaml" });
    expect(parsed.topology.nodes.filter((n) => n.kind === "topic").map((n) => n.kind === "topic" && n.data.contract?.value.format)).toEqual(["avro", "protobuf", "json-schema", "json-schema"]);
    // Without the file it refers to, the document is refused with the reference named.
    const error = await parseAsyncApiFiles(files.filter((f) => !f.path.endsWith(".proto"))).then(
      () => undefined,
      (e: unknown) => e as AppError,
    );
    expect(error?.userMessage).toContain('$ref "./schemas/payment.proto" leads to "api/schemas/payment.proto", which is not among the 3 imported files');
  });

  it("refuses versions other than 3.1.x, 3.0.x and 2.6.x, naming the version", async () => {
    expect((await refusal("asyncapi: 3.2.0\ninfo: { title: x, version: '1' }\n")).userMessage).toContain('"3.2.0"');
    expect((await refusal("asyncapi: 2.0.0\ninfo: { title: x, version: '1' }\nchannels: {}\n")).userMessage).toContain('"2.0.0"');
  });

  it("refuses references to files and URLs without reading them", async () => {
    for (const ref of ["./package.json", "/etc/hostname", "http://127.0.0.1:1/schema.json"]) {
      const text = `asyncapi: 3.0.0\ninfo: { title: x, version: '1' }\ncomponents:\n  schemas:\n    order: { $ref: '${ref}' }\n`;
      const error = await refusal(text);
      expect(error.userMessage).toContain(ref);
      expect(error.userMessage).not.toContain("dependencies");
    }
  });

  it("refuses a file larger than 2 MB", async () => {
    const text = `asyncapi: 3.0.0\ninfo: { title: x, version: '1', description: '${"x".repeat(2 * 1024 * 1024)}' }\n`;
    expect((await refusal(text)).userMessage).toContain("2 MB");
  });
});
