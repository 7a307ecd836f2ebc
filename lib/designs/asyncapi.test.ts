import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { AppError } from "../errors/app-error";
import { asyncApiToYaml, topologyToAsyncApi } from "./asyncapi-export";
import { asyncApiToTopology } from "./asyncapi-import";
import { topologySchema, type DesignNode, type Topology } from "./design-schema";
import { exampleTopology } from "./example-design";
import { validateDesign } from "./validate-design";

const KEY = /^[a-zA-Z0-9.\-_]+$/;
type Json = Record<string, any>;

const byId = (nodes: DesignNode[]) => [...nodes].sort((a, b) => a.id.localeCompare(b.id));
const pairs = (t: Topology) => t.edges.map((e) => `${e.source}->${e.target}`).sort();

function expectSameTopology(actual: Topology, expected: Topology) {
  expect(byId(actual.nodes)).toEqual(byId(expected.nodes));
  expect(pairs(actual)).toEqual(pairs(expected));
}

function roundTrip(topology: Topology) {
  return asyncApiToTopology(topologyToAsyncApi("Round trip", topology));
}

describe("topologyToAsyncApi", () => {
  const doc = topologyToAsyncApi("Shop", exampleTopology(), { bootstrapServers: "broker-1:9092,broker-2:9092" }) as Json;

  it("writes an AsyncAPI 3.1.0 document with one Kafka server (3.0.0 when asked)", () => {
    expect(doc.asyncapi).toBe("3.1.0");
    expect((topologyToAsyncApi("Shop", exampleTopology(), { version: "3.0.0" }) as Json).asyncapi).toBe("3.0.0");
    expect(doc.info).toEqual({ title: "Shop", version: "1.0.0" });
    expect(doc.servers).toEqual({ kafka: { host: "broker-1:9092", protocol: "kafka" } });
    const fallback = topologyToAsyncApi("Shop", exampleTopology()) as Json;
    expect(fallback.servers.kafka.host).toBe("localhost:9092");
  });

  it("makes a channel per topic with the Kafka binding's typed topic configuration and every config in an extension", () => {
    const channels = Object.values(doc.channels) as Json[];
    expect(channels).toHaveLength(4);
    const orders = channels.find((c) => c.address === "shop.orders.v1")!;
    expect(orders.description).toBe("Every order placed, keyed by customer id.");
    expect(orders.bindings.kafka).toEqual({
      bindingVersion: "0.5.0",
      topic: "shop.orders.v1",
      partitions: 6,
      replicas: 1,
      topicConfiguration: { "cleanup.policy": ["delete"], "retention.ms": 604_800_000 },
    });
    expect(orders["x-topiary-configs"]).toEqual({ "cleanup.policy": "delete", "retention.ms": "604800000", "compression.type": "zstd" });
    expect(orders["x-topiary-node-id"]).toBe("orders");
    expect(orders).not.toHaveProperty("x-topiary-delete-on-apply");
    // The producer's example payload is also a message example other tools can show.
    const example = Object.values(orders.messages as Json).find((m: Json) => m.examples);
    expect(example.examples[0].payload).toMatchObject({ orderId: "o-1001" });
    // …and a message of the topic's contract: the same payload and key as the contract's own message.
    expect(example.payload).toEqual({ $ref: "#/channels/shop.orders.v1/messages/OrderPlaced/payload" });
    expect(orders.messages.OrderPlaced.payload.schemaFormat).toBe("application/vnd.apache.avro;version=1.9.0");
  });

  it("makes a send operation per produces-to edge and a receive operation per consumed-by edge", () => {
    const ops = Object.entries(doc.operations as Json);
    expect(ops).toHaveLength(10);
    const billing = ops.filter(([, op]) => op["x-topiary-application"].id === "billing");
    expect(billing.map(([, op]) => op.action)).toEqual(["receive", "receive"]);
    expect(billing[0][1].bindings.kafka.groupId).toEqual({ type: "string", enum: ["billing"] });
    const checkout = ops.find(([, op]) => op["x-topiary-application"].id === "checkout")![1];
    expect(checkout.action).toBe("send");
    expect(checkout.bindings.kafka.clientId).toEqual({ type: "string", enum: ["checkout-service"] });
    expect(doc.channels[checkout.channel.$ref.replace("#/channels/", "")].address).toBe("shop.orders.v1");
    const fraud = ops.filter(([, op]) => op["x-topiary-application"].id === "fraud").map(([, op]) => op);
    expect(fraud.map((op) => op.action).sort()).toEqual(["receive", "send"]);
    expect(fraud.find((op) => op.action === "receive").bindings.kafka).toMatchObject({ groupId: { enum: ["fraud-scorer"] }, clientId: { enum: ["fraud-scorer"] } });
  });

  it("uses only valid, unique component keys, even for odd and duplicate names", () => {
    const odd: Topology = {
      nodes: [
        { id: "t1", kind: "topic", data: topic({ name: "my topic?#" }) },
        { id: "t2", kind: "topic", data: topic({ name: "my topic?#" }) },
        { id: "t3", kind: "topic", data: topic({ name: "" }) },
        { id: "p1", kind: "producer", data: producer({ appName: "Order Service!" }) },
        { id: "p2", kind: "producer", data: producer({ appName: "Order Service!" }) },
      ],
      edges: [
        { id: "a", source: "p1", target: "t1" },
        { id: "b", source: "p2", target: "t1" },
        { id: "c", source: "p1", target: "t2" },
      ],
    };
    const out = topologyToAsyncApi("Odd", odd) as Json;
    for (const key of [...Object.keys(out.channels), ...Object.keys(out.operations)]) expect(key).toMatch(KEY);
    expect(Object.keys(out.channels)).toHaveLength(3);
    expect(Object.keys(out.operations)).toHaveLength(3);
  });

  it("writes YAML that reads back to the same document", () => {
    const yaml = asyncApiToYaml(doc);
    expect(yaml).not.toMatch(/[&*]a\d/); // no anchors or aliases
    expect(YAML.parse(yaml)).toEqual(doc);
  });
});

describe("round trip through AsyncAPI", () => {
  it("gives back the example design exactly", () => {
    const original = exampleTopology();
    const { topology, warnings } = roundTrip(original);
    expect(warnings).toEqual([]);
    expectSameTopology(topology, original);
    expect(topology.edges.map((e) => e.id).sort()).toEqual(original.edges.map((e) => e.id).sort());
  });

  it("gives back the example design from the YAML text", () => {
    const original = exampleTopology();
    const parsed = YAML.parse(asyncApiToYaml(topologyToAsyncApi("Shop", original)));
    expectSameTopology(asyncApiToTopology(parsed).topology, original);
  });

  it("keeps a processor as one node that reads and writes", () => {
    const original: Topology = {
      nodes: [
        { id: "in", kind: "topic", data: topic({ name: "raw" }) },
        { id: "out", kind: "topic", data: topic({ name: "enriched" }) },
        { id: "enricher", kind: "processor", data: { appName: "enricher", clientId: "enricher-1", groupId: "enricher", description: "Adds customer data." } },
      ],
      edges: [
        { id: "e1", source: "in", target: "enricher" },
        { id: "e2", source: "enricher", target: "out" },
      ],
    };
    const { topology, warnings } = roundTrip(original);
    expect(warnings).toEqual([]);
    expectSameTopology(topology, original);
  });

  it("keeps values a design may hold while being edited, unconnected nodes and deletion marks", () => {
    const original: Topology = {
      nodes: [
        {
          id: "odd",
          kind: "topic",
          data: topic({
            name: "odd.topic",
            partitions: 0,
            replicationFactor: -1,
            configs: { "cleanup.policy": "bogus", "retention.ms": "9223372036854775807", "max.message.bytes": "abc", "segment.ms": "1000" },
            deleteOnApply: true,
          }),
        },
        { id: "same-name", kind: "topic", data: topic({ name: "odd.topic" }) },
        { id: "lonely-producer", kind: "producer", data: producer({ appName: "lonely", examplePayload: "not json", rate: null }) },
        { id: "lonely-group", kind: "consumerGroup", data: { groupId: "g", appName: "", description: "" } },
        { id: "p", kind: "producer", data: producer({ clientId: "p", examplePayload: "plain text", rate: 0.5 }) },
      ],
      edges: [{ id: "e", source: "p", target: "odd" }],
    };
    const doc = topologyToAsyncApi("Odd", original) as Json;
    const channel = Object.values(doc.channels as Json).find((c: Json) => c["x-topiary-node-id"] === "odd") as Json;
    expect(channel.bindings.kafka).not.toHaveProperty("partitions");
    expect(channel.bindings.kafka).not.toHaveProperty("topicConfiguration");
    expect(channel["x-topiary-delete-on-apply"]).toBe(true);
    const { topology, warnings } = asyncApiToTopology(doc);
    expect(warnings).toEqual([]);
    expectSameTopology(topology, original);
  });

  it("drops edges AsyncAPI cannot express, and duplicates", () => {
    const original = exampleTopology();
    original.edges.push({ id: "dup", source: "checkout", target: "orders" }, { id: "bad", source: "checkout", target: "billing" });
    const { topology } = roundTrip(original);
    expect(pairs(topology)).toEqual(pairs(exampleTopology()));
  });
});

describe("asyncApiToTopology without Topiary's extensions", () => {
  it("reads an AsyncAPI 2.6 document: subscribe is the application sending, publish is it receiving", () => {
    const doc = {
      asyncapi: "2.6.0",
      info: { title: "Orders", version: "1.0.0" },
      servers: { prod: { url: "kafka-1:9092", protocol: "kafka" } },
      channels: {
        orders: {
          description: "Orders as placed.",
          bindings: {
            kafka: { bindingVersion: "0.4.0", partitions: 12, replicas: 3, topicConfiguration: { "cleanup.policy": ["delete", "compact"], "retention.ms": 86_400_000 } },
          },
          subscribe: {
            operationId: "sendOrder",
            summary: "The shop publishes each order.",
            bindings: { kafka: { bindingVersion: "0.4.0", clientId: { type: "string", enum: ["order-service"] } } },
            message: { name: "Order", payload: { type: "object" }, examples: [{ payload: { id: 1 } }] },
          },
          publish: {
            operationId: "chargeOrder",
            bindings: { kafka: { bindingVersion: "0.4.0", groupId: { type: "string", enum: ["billing"] } } },
            message: { name: "Order", payload: { type: "object" } },
          },
        },
      },
    };
    const { topology, warnings } = asyncApiToTopology(doc);
    expect(warnings).toEqual([]);
    expect(topologySchema.parse(topology)).toEqual(topology);
    expect(byId(topology.nodes)).toEqual(
      byId([
        {
          id: "orders",
          kind: "topic",
          data: {
            name: "orders",
            partitions: 12,
            replicationFactor: 3,
            configs: { "cleanup.policy": "delete,compact", "retention.ms": "86400000" },
            description: "Orders as placed.",
            deleteOnApply: false,
            // Both messages carry the same payload: it is the topic's contract.
            contract: { value: { format: "json-schema", text: '{\n  "type": "object"\n}' } },
          },
        },
        {
          id: "order-service",
          kind: "producer",
          data: { appName: "order-service", clientId: "order-service", description: "The shop publishes each order.", examplePayload: JSON.stringify({ id: 1 }, null, 2), rate: null },
        },
        { id: "billing", kind: "consumerGroup", data: { groupId: "billing", appName: "billing", description: "" } },
      ]),
    );
    expect(pairs(topology)).toEqual(["order-service->orders", "orders->billing"]);
  });

  it("reads a 3.0 document: topic names from bindings or addresses, apps by client and group id, processors when one app reads and writes", () => {
    const payments = { address: "payments.v1", bindings: { kafka: { partitions: 2 } } };
    const doc = {
      asyncapi: "3.0.0",
      info: { title: "Payments", version: "2.0.0" },
      channels: {
        payments,
        audit: { address: "ignored", bindings: { kafka: { topic: "audit.log", replicas: 3 } } },
        nowhere: { address: null },
      },
      operations: {
        pay: { action: "send", channel: { $ref: "#/channels/payments" }, title: "Payment gateway", bindings: { kafka: { clientId: { type: "string", enum: ["gateway"] } } } },
        payAgain: { action: "send", channel: { $ref: "#/channels/payments" }, bindings: { kafka: { clientId: { type: "string", enum: ["gateway"] } } } },
        // As @asyncapi/parser hands it over: the reference replaced by the channel object itself.
        audit: { action: "receive", channel: payments, bindings: { kafka: { groupId: { type: "string", enum: ["auditor"] }, clientId: { type: "string", enum: ["auditor-app"] } } } },
        auditWrite: { action: "send", channel: { $ref: "#/channels/audit" }, bindings: { kafka: { clientId: { type: "string", enum: ["auditor-app"] } } } },
        anonymous: { action: "receive", channel: { $ref: "#/channels/nowhere" } },
        lost: { action: "send", channel: { $ref: "#/channels/missing" } },
      },
    };
    const { topology, warnings } = asyncApiToTopology(doc);
    expect(topologySchema.parse(topology)).toEqual(topology);
    const topics = topology.nodes.filter((n) => n.kind === "topic");
    expect(topics.map((t) => [t.data.name, t.data.partitions, t.data.replicationFactor])).toEqual([
      ["payments.v1", 2, 1],
      ["audit.log", 1, 3],
      ["nowhere", 1, 1],
    ]);
    const apps = topology.nodes.filter((n) => n.kind !== "topic").map((n) => ({ id: n.id, kind: n.kind, data: n.data }));
    expect(apps).toEqual([
      { id: "gateway", kind: "producer", data: { appName: "Payment gateway", clientId: "gateway", description: "", examplePayload: "", rate: null } },
      { id: "auditor-app", kind: "processor", data: { appName: "auditor-app", clientId: "auditor-app", groupId: "auditor", description: "" } },
      { id: "anonymous", kind: "consumerGroup", data: { groupId: "", appName: "anonymous", description: "" } },
    ]);
    expect(pairs(topology)).toEqual(["auditor-app->audit-log", "gateway->payments-v1", "nowhere->anonymous", "payments-v1->auditor-app"].sort());
    expect(new Set(topology.edges.map((e) => e.id)).size).toBe(topology.edges.length);
    expect(warnings).toEqual([
      'Channel "nowhere" has no address (it is unknown, or chosen at run time): it became topic "nowhere", after the channel; set the name you mean before applying',
      'Operation "lost" refers to a channel that is not in the document and was skipped',
      'Operation "anonymous" receives without a Kafka groupId: set the consumer group id before applying',
    ]);
  });

  it("makes legal topic names of addresses in another protocol's form, with a warning; channels of one address stay one topic", () => {
    const clientId = (id: string) => ({ kafka: { clientId: { type: "string", const: id } } });
    const doc = {
      asyncapi: "3.1.0",
      info: { title: "Greenhouse", version: "1.0.0" },
      servers: { broker: { host: "mqtt.greenhouse.example:1883", protocol: "mqtt" } },
      channels: {
        vents: { address: "greenhouse/vents/opened" },
        humidity: { address: "greenhouse/{bay}/humidity", parameters: { bay: { enum: ["bay-3", "bay-4"] } } },
        feed: { address: "https://greenhouse.example/feeds/{feed}", parameters: { feed: {} } },
        control: { address: "/" },
        controlReplies: { address: "/" },
        pumps: { address: "greenhouse.pumps" },
      },
      operations: {
        openVent: { action: "send", channel: { $ref: "#/channels/vents" }, bindings: clientId("climate") },
        readHumidity: { action: "receive", channel: { $ref: "#/channels/humidity" }, bindings: { kafka: { groupId: { type: "string", const: "climate" }, clientId: { type: "string", const: "climate" } } } },
        readFeed: { action: "receive", channel: { $ref: "#/channels/feed" }, bindings: { kafka: { groupId: { type: "string", const: "feed-reader" } } } },
        command: {
          action: "receive",
          channel: { $ref: "#/channels/control" },
          bindings: { kafka: { groupId: { type: "string", const: "pump-control" } } },
          reply: { channel: { $ref: "#/channels/controlReplies" } },
        },
        runPump: { action: "send", channel: { $ref: "#/channels/pumps" }, bindings: clientId("pump-control-out") },
      },
    };
    const { topology, warnings } = asyncApiToTopology(doc);
    const topics = topology.nodes.filter((n) => n.kind === "topic");
    expect(topics.map((t) => [t.data.name, t.data.addressPattern ?? null])).toEqual([
      ["greenhouse.vents.opened", null],
      ["greenhouse.bay-3.humidity", "greenhouse/{bay}/humidity"],
      ["https.greenhouse.example.feeds.feed", "https://greenhouse.example/feeds/{feed}"],
      // "/" keeps nothing a topic name may hold: the topic is named after its first channel, and both channels are it.
      ["control", null],
      ["greenhouse.pumps", null],
    ]);
    expect(validateDesign(topology).filter((p) => p.field === "name")).toEqual([]);
    // The request and its reply share the one topic: the application reads it and writes it.
    expect(pairs(topology)).toEqual(
      ["climate->greenhouse-vents-opened", "greenhouse-bay-3-humidity->climate", "https-greenhouse-example-feeds-feed->feed-reader", "control->pump-control", "pump-control->control", "pump-control-out->greenhouse-pumps"].sort(),
    );
    expect(warnings).toEqual([
      "The document's servers speak mqtt, not Kafka: its channels were read as topics anyway",
      'Channel "vents" has address "greenhouse/vents/opened", and a Kafka topic name cannot hold "/": it became topic "greenhouse.vents.opened"; set the name you mean before applying',
      'Channel "humidity" has parameters in its address ("greenhouse/{bay}/humidity"), and a Kafka topic has none (nor "/"): it became topic "greenhouse.bay-3.humidity", one topic of that pattern (the pattern is kept with it); set the name you mean before applying',
      'Channel "feed" has parameters in its address ("https://greenhouse.example/feeds/{feed}"), and a Kafka topic has none (nor ":", "/"): it became topic "https.greenhouse.example.feeds.feed", one topic of that pattern (the pattern is kept with it); set the name you mean before applying',
      'Channel "control" has address "/", and a Kafka topic name cannot hold "/": it became topic "control"; set the name you mean before applying',
      'Channel "controlReplies" has the address of channel "control" ("/"): it is topic "control" too',
    ]);

    // 2.6: a channel's key is its address, read alike.
    const v2 = asyncApiToTopology({
      asyncapi: "2.6.0",
      info: { title: "Greenhouse", version: "1.0.0" },
      channels: { "greenhouse/vents/opened": { subscribe: { operationId: "openVent", message: { payload: { type: "object" } } } } },
    });
    expect(v2.topology.nodes.filter((n) => n.kind === "topic").map((t) => t.data.name)).toEqual(["greenhouse.vents.opened"]);
    expect(v2.warnings).toEqual([
      'Channel "greenhouse/vents/opened" has address "greenhouse/vents/opened", and a Kafka topic name cannot hold "/": it became topic "greenhouse.vents.opened"; set the name you mean before applying',
    ]);

    // A design's own names, even ones Kafka would refuse, come back from Topiary's export as they were.
    const own: Topology = {
      nodes: [
        { id: "vents", kind: "topic", data: topic({ name: "greenhouse/vents" }) },
        { id: "unnamed", kind: "topic", data: topic({ name: "" }) },
      ],
      edges: [],
    };
    const back = roundTrip(own);
    expect(back.warnings).toEqual([]);
    expectSameTopology(back.topology, own);
  });

  it("refuses versions other than 3.1.x, 3.0.x and 2.6.x", () => {
    expect(() => asyncApiToTopology({ asyncapi: "3.2.0", info: {} })).toThrow(AppError);
    expect(() => asyncApiToTopology({ asyncapi: "3.1.0", info: {} })).not.toThrow();
    expect(() => asyncApiToTopology({ asyncapi: "2.5.0" })).toThrow(/2\.5\.0/);
    expect(() => asyncApiToTopology("asyncapi: 3.0.0")).toThrow(AppError);
  });
});

function topic(data: Partial<Extract<DesignNode, { kind: "topic" }>["data"]>) {
  return { name: "t", partitions: 1, replicationFactor: 1, configs: {}, description: "", deleteOnApply: false, ...data };
}

function producer(data: Partial<Extract<DesignNode, { kind: "producer" }>["data"]>) {
  return { appName: "", clientId: "", description: "", examplePayload: "", rate: null, ...data };
}
