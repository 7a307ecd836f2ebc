import specs from "@asyncapi/specs";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import type { Contract } from "../contracts/contract-schema";
import { asyncApiToYaml, topologyToAsyncApi, type AsyncApiExportVersion } from "./asyncapi-export";
import { asyncApiToTopology } from "./asyncapi-import";
import { defaultNodeData, type DesignNode, type Topology } from "./design-schema";
import { exampleTopology } from "./example-design";

type Json = Record<string, any>;

// The specification's own JSON Schemas (@asyncapi/specs, the package @asyncapi/parser validates with): every
// exported document must pass them.
const specValidators = new Map<string, ReturnType<Ajv["compile"]>>();
function specErrors(doc: Json, version: AsyncApiExportVersion) {
  if (!specValidators.has(version)) {
    const ajv = new Ajv({ strict: false, meta: false, validateSchema: false, allErrors: true });
    addFormats(ajv);
    specValidators.set(version, ajv.compile((specs.schemas as Record<string, object>)[version]));
  }
  const validate = specValidators.get(version)!;
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const topic = (id: string, data: Partial<Extract<DesignNode, { kind: "topic" }>["data"]>): DesignNode => ({ id, kind: "topic", data: { ...defaultNodeData("topic"), name: id, ...data } });
const byId = (nodes: DesignNode[]) => [...nodes].sort((a, b) => a.id.localeCompare(b.id));

const JSON_CONTRACT: Contract = {
  // Written by hand: its own layout, references inside itself (to a definition, and to its root).
  value: {
    format: "json-schema",
    text: '{ "title": "Order", "type": "object", "required": ["id"],\n  "properties": { "id": {"type": "string"}, "lines": {"type": "array", "items": {"$ref": "#/definitions/Line"}}, "parent": {"$ref": "#"} },\n  "definitions": { "Line": {"type": "object", "properties": {"sku": {"type": "string"}}} } }',
  },
  key: { format: "json-schema", text: '{"type": "string", "pattern": "^c-[0-9]+$"}' },
};
const AVRO_CONTRACT: Contract = {
  value: { format: "avro", text: JSON.stringify({ type: "record", name: "Payment", namespace: "shop", fields: [{ name: "id", type: "string" }, { name: "cents", type: "long" }] }, null, 2) },
  key: { format: "avro", text: '"string"' },
};
const PROTO_CONTRACT: Contract = {
  value: { format: "protobuf", text: 'syntax = "proto3";\npackage shop;\n\nmessage Shipment { string id = 1; }\nmessage Refund { string id = 1; int64 cents = 2; }\n', messageType: "shop.Refund" },
  key: { format: "protobuf", text: 'syntax = "proto2";\nmessage Key { required string id = 1; }\n' },
};
const BROKEN_CONTRACT: Contract = { value: { format: "json-schema", text: '{ "type": "object", ' } };

function contractDesign(): Topology {
  return {
    nodes: [
      topic("orders", { contract: JSON_CONTRACT }),
      topic("payments", { contract: AVRO_CONTRACT }),
      topic("refunds", { contract: PROTO_CONTRACT }),
      topic("drafts", { contract: BROKEN_CONTRACT }),
      topic("shipments", { name: "shipments.eu.v1", addressPattern: "shipments.{region}.v1", contract: { value: { format: "avro", text: '"bytes"' } } }),
      { id: "shop", kind: "producer", data: { ...defaultNodeData("producer"), appName: "shop", clientId: "shop", examplePayload: '{"id": "o-1"}' } },
      { id: "billing", kind: "consumerGroup", data: { ...defaultNodeData("consumerGroup"), groupId: "billing" } },
    ],
    edges: [
      { id: "e1", source: "shop", target: "orders" },
      { id: "e2", source: "shop", target: "payments" },
      { id: "e3", source: "orders", target: "billing" },
      { id: "e4", source: "refunds", target: "billing" },
    ],
  };
}

describe("contracts through AsyncAPI", () => {
  for (const version of ["3.1.0", "3.0.0"] as const) {
    it(`round trip design → AsyncAPI ${version} (YAML text) → design keeps every contract exactly`, () => {
      const design = contractDesign();
      const doc = topologyToAsyncApi("Contracts", design, { version });
      expect(doc.asyncapi).toBe(version);
      expect(specErrors(doc, version)).toEqual([]);
      const { topology, warnings } = asyncApiToTopology(YAML.parse(asyncApiToYaml(doc)));
      expect(warnings).toEqual([]);
      expect(byId(topology.nodes)).toEqual(byId(design.nodes));
    });
  }

  it("keeps the example design's contracts (Avro, Protobuf, JSON Schema) through 3.1, and the document is valid", () => {
    const doc = topologyToAsyncApi("Shop", exampleTopology());
    expect(specErrors(doc, "3.1.0")).toEqual([]);
    const { topology, warnings } = asyncApiToTopology(YAML.parse(asyncApiToYaml(doc)));
    expect(warnings).toEqual([]);
    expect(byId(topology.nodes)).toEqual(byId(exampleTopology().nodes));
  });

  describe("what other tools read", () => {
    const doc = topologyToAsyncApi("Contracts", contractDesign()) as Json;

    it("a JSON Schema is the payload itself, its references pointing where it sits in the document", () => {
      const message = doc.channels.orders.messages.Order;
      expect(message.contentType).toBe("application/json");
      expect(message.payload.properties.lines.items).toEqual({ $ref: "#/channels/orders/messages/Order/payload/definitions/Line" });
      expect(message.payload.properties.parent).toEqual({ $ref: "#/channels/orders/messages/Order/payload" });
      expect(message.bindings.kafka.key).toEqual({ type: "string", pattern: "^c-[0-9]+$" });
      // Not the canonical JSON of the schema: the text travels beside it, for Topiary.
      expect(message["x-topiary-value-text"]).toBe(JSON_CONTRACT.value.text);
      // The producer's example message is a message of the contract.
      expect(doc.channels.orders.messages.shop.payload).toEqual({ $ref: "#/channels/orders/messages/Order/payload" });
    });

    it("Avro and Protobuf are multi-format schemas, their keys too", () => {
      const payment = doc.channels.payments.messages.Payment;
      expect(payment.payload).toEqual({ schemaFormat: "application/vnd.apache.avro;version=1.9.0", schema: JSON.parse(AVRO_CONTRACT.value.text) });
      expect(payment).not.toHaveProperty("x-topiary-value-text");
      expect(payment.bindings.kafka.key).toEqual({ schemaFormat: "application/vnd.apache.avro;version=1.9.0", schema: "string" });
      const refund = doc.channels.refunds.messages.Refund;
      expect(refund.payload).toEqual({ schemaFormat: "application/vnd.google.protobuf;version=3", schema: PROTO_CONTRACT.value.text, "x-topiary-message-type": "shop.Refund" });
      expect(refund.bindings.kafka.key.schemaFormat).toBe("application/vnd.google.protobuf;version=2");
    });

    it("a schema that does not compile yet stays whole in an extension, and a pattern is the address with its parameters", () => {
      expect(doc.channels.drafts.messages).toBeUndefined();
      expect(doc.channels.drafts["x-topiary-contract"]).toEqual(BROKEN_CONTRACT);
      expect(doc.channels["shipments.eu.v1"].address).toBe("shipments.{region}.v1");
      expect(doc.channels["shipments.eu.v1"].parameters).toEqual({ region: { description: expect.stringContaining("shipments.eu.v1") } });
      expect(doc.channels["shipments.eu.v1"].bindings.kafka.topic).toBe("shipments.eu.v1");
    });
  });

  it("a payload edited in another tool wins over Topiary's kept text", () => {
    const doc = topologyToAsyncApi("Contracts", contractDesign()) as Json;
    doc.channels.orders.messages.Order.payload.properties.note = { type: "string" };
    const orders = asyncApiToTopology(doc).topology.nodes.find((n) => n.id === "orders") as Extract<DesignNode, { kind: "topic" }>;
    expect(JSON.parse(orders.data.contract!.value.text).properties.note).toEqual({ type: "string" });
    expect(orders.data.contract!.value.text).not.toBe(JSON_CONTRACT.value.text);
  });
});

describe("contracts from other AsyncAPI documents", () => {
  const base = { asyncapi: "3.1.0", info: { title: "x", version: "1" } };

  it("copies the component schemas a payload refers to into its definitions, once each", () => {
    const { topology, warnings } = asyncApiToTopology({
      ...base,
      channels: {
        orders: { address: "orders", messages: { placed: { $ref: "#/components/messages/OrderPlaced" } } },
      },
      components: {
        messages: { OrderPlaced: { payload: { $ref: "#/components/schemas/Order" } } },
        schemas: {
          Order: { type: "object", properties: { at: { $ref: "#/components/schemas/sentAt" }, also: { $ref: "#/components/schemas/sentAt" }, next: { $ref: "#/components/schemas/Order" } } },
          sentAt: { type: "string", format: "date-time" },
        },
      },
    });
    expect(warnings).toEqual([]);
    const contract = (topology.nodes[0] as Extract<DesignNode, { kind: "topic" }>).data.contract!;
    expect(JSON.parse(contract.value.text)).toEqual({
      type: "object",
      properties: { at: { $ref: "#/definitions/sentAt" }, also: { $ref: "#/definitions/sentAt" }, next: { $ref: "#" } },
      definitions: { sentAt: { type: "string", format: "date-time" } },
    });
  });

  it("reads Avro keys and 2.6 message schema formats, and names payloads it cannot hold", () => {
    const { topology, warnings } = asyncApiToTopology({
      asyncapi: "2.6.0",
      info: { title: "x", version: "1" },
      channels: {
        users: {
          subscribe: {
            message: {
              schemaFormat: "application/vnd.apache.avro+json;version=1.9.0",
              payload: { type: "record", name: "User", fields: [{ name: "id", type: "long" }] },
              bindings: { kafka: { key: { type: "record", name: "UserKey", fields: [{ name: "id", type: "long" }] } } },
            },
          },
        },
        legacy: { subscribe: { message: { schemaFormat: "application/raml+yaml;version=1.0", payload: { type: "string" } } } },
      },
    });
    const users = topology.nodes.find((n) => n.id === "users") as Extract<DesignNode, { kind: "topic" }>;
    expect(users.data.contract?.value.format).toBe("avro");
    expect(users.data.contract?.key?.format).toBe("avro");
    expect(topology.nodes.find((n) => n.id === "legacy")?.data).not.toHaveProperty("contract");
    expect(warnings).toEqual([expect.stringContaining('"application/raml+yaml;version=1.0" is not one Topiary\'s contracts hold')]);
  });

  it("takes the first of several different payloads, and says so", () => {
    const { topology, warnings } = asyncApiToTopology({
      ...base,
      channels: { events: { address: "events", messages: { a: { payload: { type: "object", title: "A" } }, b: { payload: { type: "object", title: "B" } } } } },
    });
    expect(JSON.parse((topology.nodes[0] as Extract<DesignNode, { kind: "topic" }>).data.contract!.value.text)).toEqual({ type: "object", title: "A" });
    expect(warnings).toEqual(['Channel "events" carries 2 different message payloads; a topic has one contract, so it is the one of Channel "events", message "a" (not message "b")']);
  });
});

describe("AsyncAPI 3.x operations", () => {
  const base = { asyncapi: "3.1.0", info: { title: "x", version: "1" } };

  it("a request/reply operation keeps its reply channel: the application reads requests and writes replies", () => {
    const { topology, warnings } = asyncApiToTopology({
      ...base,
      channels: { requests: { address: "quotes.requests" }, replies: { address: "quotes.replies" }, anywhere: { address: null } },
      operations: {
        quote: {
          action: "receive",
          channel: { $ref: "#/channels/requests" },
          bindings: { kafka: { groupId: { type: "string", const: "pricing" }, clientId: { type: "string", const: "pricing" } } },
          reply: { channel: { $ref: "#/channels/replies" } },
        },
        ask: { action: "send", channel: { $ref: "#/channels/requests" }, bindings: { kafka: { clientId: { const: "shop" } } }, reply: { address: { location: "$message.header#/replyTo" } } },
      },
    });
    const pricing = topology.nodes.find((n) => n.id === "pricing");
    expect(pricing).toMatchObject({ kind: "processor", data: { groupId: "pricing", clientId: "pricing" } });
    expect(topology.edges.map((e) => `${e.source}->${e.target}`).sort()).toEqual(["pricing->quotes-replies", "quotes-requests->pricing", "shop->quotes-requests"]);
    expect(warnings).toEqual([
      'Channel "anywhere" has no address (it is unknown, or chosen at run time): it became topic "anywhere", after the channel; set the name you mean before applying',
      'Operation "ask" replies on an address chosen at run time ($message.header#/replyTo): no topic was made for its replies',
    ]);
  });

  it("reads groupId and clientId given as schemas with const or enum, also from operation traits", () => {
    const { topology } = asyncApiToTopology({
      ...base,
      channels: { t: { address: "t" } },
      operations: {
        read: { action: "receive", channel: { $ref: "#/channels/t" }, traits: [{ $ref: "#/components/operationTraits/kafka" }] },
        write: { action: "send", channel: { $ref: "#/channels/t" }, bindings: { kafka: { clientId: { type: "string", enum: ["writer"] } } } },
      },
      components: { operationTraits: { kafka: { bindings: { kafka: { groupId: { type: "string", const: "readers" } } } } } },
    });
    expect(topology.nodes.map((n) => [n.kind, n.id])).toEqual([
      ["topic", "t"],
      ["consumerGroup", "readers"],
      ["producer", "writer"],
    ]);
  });

  it("an address with parameters becomes a legal topic name from the parameter's first value, the pattern kept, with a warning", () => {
    const { topology, warnings } = asyncApiToTopology({
      ...base,
      channels: {
        lights: { address: "lights.{city}.{lightId}.measured", parameters: { city: { enum: ["oslo", "rome"] }, lightId: { description: "Any light" } } },
      },
    });
    expect(topology.nodes[0].data).toMatchObject({ name: "lights.oslo.lightId.measured", addressPattern: "lights.{city}.{lightId}.measured" });
    expect(warnings).toEqual([expect.stringMatching(/^Channel "lights" has parameters in its address \("lights\.\{city\}\.\{lightId\}\.measured"\), and a Kafka topic has none: it became topic "lights\.oslo\.lightId\.measured"/)]);
  });
});
