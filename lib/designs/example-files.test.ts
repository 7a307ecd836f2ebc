import fs from "node:fs";
import path from "node:path";
import specs from "@asyncapi/specs";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { compileSchema } from "../contracts/schema-codec";
import { asyncApiToTopology } from "./asyncapi-import";
import { designFileSchema, type DesignNode } from "./design-schema";
import { exampleTopology } from "./example-design";
import { validateDesign } from "./validate-design";

// The examples the console serves from public/examples/ (the README and the Designs page point to them).

const EXAMPLES = path.resolve(import.meta.dirname, "../../public/examples");
type Topic = Extract<DesignNode, { kind: "topic" }>;

describe("public/examples", () => {
  it("shop.topiary.json is the example design, contracts included, and a valid design file", () => {
    const file = designFileSchema.parse(JSON.parse(fs.readFileSync(path.join(EXAMPLES, "shop.topiary.json"), "utf8")));
    expect(file.topology).toEqual(exampleTopology());
    expect(Object.keys(file.layout.positions).sort()).toEqual(exampleTopology().nodes.map((n) => n.id).sort());
  });

  it("order-flow.asyncapi.yaml is a valid AsyncAPI 3.1 document that imports without a warning, every contract valid", () => {
    const doc = YAML.parse(fs.readFileSync(path.join(EXAMPLES, "order-flow.asyncapi.yaml"), "utf8"));
    const ajv = new Ajv({ strict: false, meta: false, validateSchema: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile((specs.schemas as Record<string, object>)["3.1.0"]);
    expect(validate(doc) ? [] : validate.errors).toEqual([]);

    const { topology, warnings } = asyncApiToTopology(doc);
    expect(warnings).toEqual([]);
    expect(validateDesign(topology).filter((p) => p.severity === "error")).toEqual([]);
    const topics = topology.nodes.filter((n): n is Topic => n.kind === "topic");
    expect(topics.map((t) => [t.data.name, t.data.contract?.value.format, t.data.contract?.key?.format ?? null])).toEqual([
      ["shop.orders.v1", "avro", "avro"],
      ["shop.payments.v1", "protobuf", null],
      ["shop.shipments.v1", "json-schema", null],
    ]);
    for (const t of topics) expect(compileSchema(t.data.contract!.value).ok, t.data.name).toBe(true);
    expect(topology.nodes.filter((n) => n.kind !== "topic").map((n) => [n.kind, n.id])).toEqual([
      ["producer", "checkout-service"],
      ["processor", "payment-gateway"],
      ["processor", "shipping"],
      ["consumerGroup", "notifications"],
    ]);
  });
});
