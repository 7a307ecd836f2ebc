import { z } from "zod";
import { contractSchema } from "../contracts/contract-schema";
import { subjectNamingSchema } from "../contracts/subject-naming";
import { connectorDataSchema } from "./connector-data";
import { applicationAccessSchema } from "./design-identities";

// A design's topology (what is applied to a cluster) and its layout (where nodes sit on the canvas) are
// separate documents: moving a node changes the layout only and adds no topology revision.

export const NODE_KINDS = ["producer", "topic", "consumerGroup", "processor", "sourceConnector", "sinkConnector"] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const NODE_KIND_LABELS: Record<NodeKind, string> = {
  producer: "Producer",
  topic: "Topic",
  consumerGroup: "Consumer group",
  processor: "Processor",
  sourceConnector: "Source connector",
  sinkConnector: "Sink connector",
};

const text = (max: number) => z.string().max(max, `At most ${max} characters`);
const nodeId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "A node id uses letters, digits, '_' or '-'");

// Field values are what the user typed: rules in validate-design.ts judge them (a design may hold invalid
// values while being edited); the schema checks only shape and size.
export const producerDataSchema = z.object({
  appName: text(200).default(""),
  clientId: text(200).default(""),
  description: text(4000).default(""),
  examplePayload: text(20_000).default(""),
  rate: z.number().nonnegative().finite().nullable().default(null),
  /** Its principal, how it produces, prefixes and quota (design-identities.ts); absent: none. */
  access: applicationAccessSchema.optional(),
});

export const topicDataSchema = z.object({
  name: text(300).default(""),
  partitions: z.number().int().default(1),
  replicationFactor: z.number().int().default(1),
  configs: z.record(text(255), text(10_000)).default({}),
  description: text(4000).default(""),
  /** Marked for deletion when applied (the apply issue asks the user to type the name to confirm). */
  deleteOnApply: z.boolean().default(false),
  /** The schema of the topic's message values (and keys), see lib/contracts. */
  contract: contractSchema.optional(),
  /**
   * The AsyncAPI channel address this topic stands for when the address has parameters
   * ("lights.{streetlightId}.measured"): `name` is then one concrete topic of it. Kept for the AsyncAPI export.
   */
  addressPattern: text(300).optional(),
});

export const consumerGroupDataSchema = z.object({
  groupId: text(300).default(""),
  appName: text(200).default(""),
  description: text(4000).default(""),
  access: applicationAccessSchema.optional(),
});

export const processorDataSchema = z.object({
  appName: text(200).default(""),
  clientId: text(200).default(""),
  groupId: text(300).default(""),
  description: text(4000).default(""),
  access: applicationAccessSchema.optional(),
});

export const designNodeSchema = z.discriminatedUnion("kind", [
  z.object({ id: nodeId, kind: z.literal("producer"), data: producerDataSchema }),
  z.object({ id: nodeId, kind: z.literal("topic"), data: topicDataSchema }),
  z.object({ id: nodeId, kind: z.literal("consumerGroup"), data: consumerGroupDataSchema }),
  z.object({ id: nodeId, kind: z.literal("processor"), data: processorDataSchema }),
  z.object({ id: nodeId, kind: z.literal("sourceConnector"), data: connectorDataSchema }),
  z.object({ id: nodeId, kind: z.literal("sinkConnector"), data: connectorDataSchema }),
]);

export const designEdgeSchema = z.object({
  id: z.string().min(1).max(160),
  source: nodeId,
  target: nodeId,
});

export const MAX_NODES = 5000;
export const MAX_EDGES = 10_000;

export const topologySchema = z
  .object({
    nodes: z.array(designNodeSchema).max(MAX_NODES, `At most ${MAX_NODES} nodes`),
    edges: z.array(designEdgeSchema).max(MAX_EDGES, `At most ${MAX_EDGES} edges`),
    /** How apply names the Schema Registry subjects of its topics' contracts (absent: TopicNameStrategy). */
    subjectNaming: subjectNamingSchema.optional(),
  })
  .superRefine((t, ctx) => {
    const ids = new Set<string>();
    t.nodes.forEach((n, i) => {
      if (ids.has(n.id)) ctx.addIssue({ code: "custom", path: ["nodes", i, "id"], message: `Node id "${n.id}" is used twice` });
      ids.add(n.id);
    });
    t.edges.forEach((e, i) => {
      if (!ids.has(e.source)) ctx.addIssue({ code: "custom", path: ["edges", i, "source"], message: `Edge ${e.id} starts at unknown node "${e.source}"` });
      if (!ids.has(e.target)) ctx.addIssue({ code: "custom", path: ["edges", i, "target"], message: `Edge ${e.id} ends at unknown node "${e.target}"` });
    });
  });

export const layoutSchema = z.object({
  positions: z.record(z.string(), z.object({ x: z.number().finite(), y: z.number().finite() })).default({}),
});

export type TopicData = z.output<typeof topicDataSchema>;
export type DesignNode = z.output<typeof designNodeSchema>;
export type DesignEdge = z.output<typeof designEdgeSchema>;
export type Topology = z.output<typeof topologySchema>;
export type Layout = z.output<typeof layoutSchema>;
export type NodeDataOf<K extends NodeKind> = Extract<DesignNode, { kind: K }>["data"];

export const DESIGN_FILE_FORMAT = "topiary-design";
export const DESIGN_FILE_VERSION = 1;

/** The design's own JSON file (export and import). */
export const designFileSchema = z.object({
  format: z.literal(DESIGN_FILE_FORMAT, { message: `"format" must be "${DESIGN_FILE_FORMAT}"` }),
  version: z.literal(DESIGN_FILE_VERSION, { message: `"version" must be ${DESIGN_FILE_VERSION} (this Topiary reads version ${DESIGN_FILE_VERSION})` }),
  name: z.string().trim().min(1).max(120),
  topology: topologySchema,
  layout: layoutSchema.default({ positions: {} }),
});

export const designNameSchema = z.string().trim().min(1, "Give the design a name").max(120, "A design name has at most 120 characters");

export function emptyTopology(): Topology {
  return { nodes: [], edges: [] };
}

/** Default data of a new node of a kind. */
export function defaultNodeData<K extends NodeKind>(kind: K): NodeDataOf<K> {
  const schema = {
    producer: producerDataSchema,
    topic: topicDataSchema,
    consumerGroup: consumerGroupDataSchema,
    processor: processorDataSchema,
    sourceConnector: connectorDataSchema,
    sinkConnector: connectorDataSchema,
  }[kind];
  return schema.parse({}) as NodeDataOf<K>;
}
