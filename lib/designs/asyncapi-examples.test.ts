import fs from "node:fs";
import path from "node:path";
import specs from "@asyncapi/specs";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { compileSchema } from "../contracts/schema-codec";
import { topologyToAsyncApi } from "./asyncapi-export";
import { asyncApiToTopology } from "./asyncapi-import";
import { topologySchema, type DesignNode, type Topology } from "./design-schema";
import { validateDesign } from "./validate-design";

// Topiary's own single-file AsyncAPI 3.1.0 documents (asyncapi-fixtures/README.md): a Kafka warehouse flow with
// parameterized addresses, traits and Avro, and a request/reply pair (an authoriser and the terminal that asks).

const DIR = path.join(import.meta.dirname, "asyncapi-fixtures/single-file");
const FILES = ["warehouse-stock.asyncapi.yaml", "card-authoriser.asyncapi.yaml", "card-terminal.asyncapi.yaml"];
const fixture = (name: string) => YAML.parse(fs.readFileSync(path.join(DIR, name), "utf8"));
type Topic = Extract<DesignNode, { kind: "topic" }>;
const topics = (nodes: DesignNode[]) => nodes.filter((n): n is Topic => n.kind === "topic");
const apps = (t: Topology) => t.nodes.filter((n) => n.kind !== "topic").map((n) => [n.kind, n.id, "clientId" in n.data ? n.data.clientId : null, "groupId" in n.data ? n.data.groupId : null]);
const pairs = (t: Topology) => t.edges.map((e) => `${e.source}->${e.target}`).sort();
const byId = (nodes: DesignNode[]) => [...nodes].sort((a, b) => a.id.localeCompare(b.id));

const ajv = new Ajv({ strict: false, meta: false, validateSchema: false, allErrors: true });
addFormats(ajv);
const validateSpec = ajv.compile((specs.schemas as Record<string, object>)["3.1.0"]);

describe("Topiary's own AsyncAPI 3.1.0 fixtures", () => {
  it("are the files of the folder, and each is valid by the specification's JSON Schema", () => {
    expect(fs.readdirSync(DIR).sort()).toEqual([...FILES].sort());
    for (const name of FILES) {
      const doc = fixture(name);
      expect(doc.asyncapi, name).toBe("3.1.0");
      expect(validateSpec(doc) ? [] : validateSpec.errors, name).toEqual([]);
    }
  });

  it("warehouse (Kafka): parameterized addresses become legal topics with their pattern, bindings and traits give settings and applications", () => {
    const { topology, warnings } = asyncApiToTopology(fixture("warehouse-stock.asyncapi.yaml"));
    expect(topologySchema.parse(topology)).toEqual(topology);
    const ts = topics(topology.nodes);
    // A parameter is replaced by its first allowed value (site: enum), else by its own name (door).
    expect(ts.map((t) => [t.data.name, t.data.addressPattern ?? null])).toEqual([
      ["depot.nl-ams-1.bins.counted", "depot.{site}.bins.counted"],
      ["depot.nl-ams-1.picks.requested", "depot.{site}.picks.requested"],
      ["depot.nl-ams-1.doors.door.arrivals", "depot.{site}.doors.{door}.arrivals"],
      ["depot.stock.ledger", null],
    ]);
    expect(validateDesign(topology).filter((p) => p.field === "name")).toEqual([]);
    const parameterWarnings = warnings.filter((w) => w.includes("has parameters in its address"));
    expect(parameterWarnings).toHaveLength(3);
    expect(parameterWarnings[2]).toBe(
      'Channel "doorArrivals" has parameters in its address ("depot.{site}.doors.{door}.arrivals"), and a Kafka topic has none: it became topic "depot.nl-ams-1.doors.door.arrivals", one topic of that pattern (the pattern is kept with it); set the name you mean before applying',
    );

    // The channel bindings' partitions, replicas and topic configuration.
    expect(ts.map((t) => [t.data.partitions, t.data.replicationFactor, t.data.configs])).toEqual([
      [12, 3, { "cleanup.policy": "delete", "retention.ms": "1209600000" }],
      [6, 3, {}],
      [1, 1, {}],
      [3, 3, { "cleanup.policy": "compact", "delete.retention.ms": "86400000" }],
    ]);
    expect(ts[2].data.description).toBe("Trucks that reached a dock door.");

    // The payload's reference to the shared scannedAt schema is copied in; the contract compiles and validates.
    const counted = ts[0].data.contract!;
    expect(JSON.parse(counted.value.text)).toEqual({
      type: "object",
      required: ["bin", "units"],
      properties: { bin: { type: "string", pattern: "^[A-Z][0-9]{2}-[0-9]{3}$" }, units: { type: "integer", minimum: 0 }, scannedAt: { $ref: "#/definitions/scannedAt" } },
      definitions: { scannedAt: { type: "string", format: "date-time", description: "When the scanner read the bin." } },
    });
    const codec = compileSchema(counted.value);
    expect(codec.ok && codec.codec.validate({ bin: "A12-004", units: 17, scannedAt: "2026-03-02T07:15:00Z" })).toEqual([]);
    expect(codec.ok && codec.codec.validate({ bin: "shelf 12", units: -1, scannedAt: "this morning" }).map((p) => p.path)).toEqual(["bin", "units", "scannedAt"]);
    // The Avro payload (schemaFormat) is an Avro contract; the message binding's key is the ledger's key contract.
    const pick = ts[1].data.contract!;
    expect(pick.value.format).toBe("avro");
    expect(JSON.parse(pick.value.text)).toMatchObject({ type: "record", name: "PickTask", namespace: "net.example.depot" });
    expect(compileSchema(pick.value).ok).toBe(true);
    expect(ts[3].data.contract?.key && JSON.parse(ts[3].data.contract.key.text)).toEqual({ type: "string", description: 'The site and the article, as "site/article".' });

    // Applications: clientId from an operation trait (the gateway sends on two channels), groupId from `const`
    // (the planner) and from `enum` in a trait (the pick stations); a receiver whose clientId is also a
    // sender's is one processor. The yard display names no group: a consumer group to finish, with a warning.
    expect(apps(topology)).toEqual([
      ["producer", "scanner-gateway", "scanner-gateway", null],
      ["processor", "replenishment-planner", "replenishment-planner", "replenishment-planner"],
      ["processor", "pick-station", "pick-station", "pick-stations"],
      ["consumerGroup", "showArrivals", null, ""],
    ]);
    expect(topology.nodes.find((n) => n.id === "scanner-gateway")?.data).toMatchObject({
      appName: "Scanner gateway",
      examplePayload: JSON.stringify({ bin: "A12-004", units: 17, scannedAt: "2026-03-02T07:15:00Z" }, null, 2),
    });
    expect(pairs(topology)).toEqual([
      "depot-nl-ams-1-bins-counted->replenishment-planner",
      "depot-nl-ams-1-doors-door-arrivals->showArrivals",
      "depot-nl-ams-1-picks-requested->pick-station",
      "pick-station->depot-stock-ledger",
      "replenishment-planner->depot-nl-ams-1-picks-requested",
      "scanner-gateway->depot-nl-ams-1-bins-counted",
      "scanner-gateway->depot-nl-ams-1-doors-door-arrivals",
    ]);
    expect(warnings).toContain('Operation "showArrivals" receives without a Kafka groupId: set the consumer group id before applying');
    expect(warnings).toHaveLength(4);
  });

  it("warehouse: Topiary's export of the imported design gives the same design back", () => {
    const { topology } = asyncApiToTopology(fixture("warehouse-stock.asyncapi.yaml"));
    const exported = topologyToAsyncApi("Warehouse stock flow", topology);
    expect(validateSpec(exported) ? [] : validateSpec.errors).toEqual([]);
    const again = asyncApiToTopology(exported);
    expect(again.warnings).toEqual([]);
    expect(byId(again.topology.nodes)).toEqual(byId(topology.nodes));
    expect(pairs(again.topology)).toEqual(pairs(topology));
  });

  it("card authoriser (request/reply, answering side): the reply channel is a topic the authoriser writes", () => {
    const { topology, warnings } = asyncApiToTopology(fixture("card-authoriser.asyncapi.yaml"));
    expect(topics(topology.nodes).map((t) => [t.data.name, t.data.addressPattern ?? null, t.data.contract?.value.format])).toEqual([
      ["payments.card.authorisations", null, "json-schema"],
      ["payments.card.replies.terminal", "payments.card.replies.{terminal}", "json-schema"],
      ["payments.card.cancellations", null, "json-schema"],
    ]);
    // Both receiving operations and the reply are one application.
    expect(apps(topology)).toEqual([["processor", "card-authoriser", "card-authoriser", "card-authoriser"]]);
    expect(pairs(topology)).toEqual(["card-authoriser->payments-card-replies-terminal", "payments-card-authorisations->card-authoriser", "payments-card-cancellations->card-authoriser"]);
    expect(warnings).toEqual([
      expect.stringMatching(/^Channel "authorisationReplies" has parameters in its address \("payments\.card\.replies\.\{terminal\}"\)/),
      'Operation "cancel" replies on an address chosen at run time ($message.header#/replyTopic): no topic was made for its replies',
    ]);
  });

  it("card terminal (request/reply, asking side): it sends requests and reads its reply topic, named from the parameter's example", () => {
    const { topology, warnings } = asyncApiToTopology(fixture("card-terminal.asyncapi.yaml"));
    expect(topics(topology.nodes).map((t) => [t.data.name, t.data.addressPattern ?? null])).toEqual([
      ["payments.card.authorisations", null],
      ["payments.card.replies.till-07", "payments.card.replies.{terminal}"],
    ]);
    // The reply is read with the sending operation's binding: its groupId (`enum`) names the group.
    expect(apps(topology)).toEqual([["processor", "checkout-terminal", "checkout-terminal", "checkout-terminal-replies"]]);
    expect(pairs(topology)).toEqual(["checkout-terminal->payments-card-authorisations", "payments-card-replies-till-07->checkout-terminal"]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Channel "myReplies" has parameters in its address \("payments\.card\.replies\.\{terminal\}"\)/);
    // The two sides agree on the request's contract.
    const request = (name: string) => topics(asyncApiToTopology(fixture(name)).topology.nodes)[0].data.contract?.value.text;
    expect(JSON.parse(request("card-terminal.asyncapi.yaml")!)).toEqual(JSON.parse(request("card-authoriser.asyncapi.yaml")!));
  });

  it("a pair whose servers speak another protocol (here AMQP) is read as topics anyway, with a warning", () => {
    const doc = fixture("card-terminal.asyncapi.yaml");
    doc.servers.payments = { host: "rabbit.payments.example.net:5672", protocol: "amqp" };
    expect(validateSpec(doc) ? [] : validateSpec.errors).toEqual([]);
    const { topology, warnings } = asyncApiToTopology(doc);
    expect(warnings[0]).toBe("The document's servers speak amqp, not Kafka: its channels were read as topics anyway");
    expect(topics(topology.nodes).map((t) => t.data.name)).toEqual(["payments.card.authorisations", "payments.card.replies.till-07"]);
    expect(topology.edges).toHaveLength(2);
  });
});
