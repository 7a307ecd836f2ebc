import { describe, expect, it } from "vitest";
import { asyncApiToYaml, topologyToAsyncApi } from "@/lib/designs/asyncapi-export";
import type { DesignNode, Topology } from "@/lib/designs/design-schema";
import { exampleTopology } from "@/lib/designs/example-design";
import { AppError } from "@/lib/errors/app-error";
import { parseAsyncApi } from "./parse-asyncapi";

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
      expect(version).toBe("3.0.0");
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

  it("refuses versions other than 3.0.x and 2.6.x, naming the version", async () => {
    expect((await refusal("asyncapi: 3.1.0\ninfo: { title: x, version: '1' }\n")).userMessage).toContain('"3.1.0"');
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
