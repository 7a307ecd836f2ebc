import YAML from "yaml";
import { CONNECTORS_X, connectorsApart } from "./asyncapi-connectors";
import { SUBJECT_NAMING_X } from "../contracts/subject-naming";
import { CONTRACT_X, contractMessage, contractMessageName } from "./asyncapi-contracts";
import { edgeKind } from "./connection-rules";
import type { DesignNode, TopicData, Topology } from "./design-schema";

// A design as an AsyncAPI 3.1.0 document (3.0.0 on request: the two differ in nothing this document uses but
// the version): one channel per topic, its contract as a message whose payload is the value schema
// (asyncapi-contracts.ts), one operation per edge (send for "produces to", receive for "consumed by"), Kafka
// bindings 0.5.0. Standard fields say what other AsyncAPI tools understand; `x-topiary-*` extensions carry what
// the spec cannot (node ids, every topic config, the application's own fields) so that asyncapi-import.ts
// rebuilds the exact design.

export const ASYNCAPI_EXPORT_VERSIONS = ["3.1.0", "3.0.0"] as const;
export type AsyncApiExportVersion = (typeof ASYNCAPI_EXPORT_VERSIONS)[number];
export const ASYNCAPI_EXPORT_VERSION: AsyncApiExportVersion = "3.1.0";
export const KAFKA_BINDING_VERSION = "0.5.0";

/** Extension keys shared with asyncapi-import.ts. */
export const X = {
  nodeId: "x-topiary-node-id",
  configs: "x-topiary-configs",
  deleteOnApply: "x-topiary-delete-on-apply",
  partitions: "x-topiary-partitions",
  replicationFactor: "x-topiary-replication-factor",
  application: "x-topiary-application",
  edgeId: "x-topiary-edge-id",
  /** Root level: applications without any edge, which no operation would otherwise carry. */
  applications: "x-topiary-applications",
} as const;

type AppNode = Exclude<DesignNode, { kind: "topic" | "sourceConnector" | "sinkConnector" }>;
type Json = Record<string, unknown>;

export interface AsyncApiExportOptions {
  /** The cluster's bootstrap servers ("host:port,host:port"); the first becomes the document's server. */
  bootstrapServers?: string;
  /** 3.1.0 unless told otherwise. */
  version?: AsyncApiExportVersion;
}

export function topologyToAsyncApi(name: string, design: Topology, opts: AsyncApiExportOptions = {}): Record<string, unknown> {
  // Connectors are no AsyncAPI concept: they travel whole in an extension of their own (asyncapi-connectors.ts).
  const { topology, extension: connectors } = connectorsApart(design);
  const nodes = new Map(topology.nodes.map((n) => [n.id, n]));
  const channels: Json = {};
  const channelKeyOf = new Map<string, string>();
  const contractKeyOf = new Map<string, string>();
  const channelKeys = new KeySet();
  for (const node of topology.nodes) {
    if (node.kind !== "topic") continue;
    const key = channelKeys.take(componentKey(node.data.name) || node.id);
    channelKeyOf.set(node.id, key);
    const channel = topicChannel(node.id, node.data);
    channels[key] = channel;
    const contract = node.data.contract;
    if (!contract) continue;
    const messageKey = contractMessageName(contract);
    const message = contractMessage(contract, `/channels/${key}/messages/${messageKey}`, messageKey);
    if (message) {
      channel.messages = { [messageKey]: message };
      contractKeyOf.set(node.id, messageKey);
    } else {
      // A schema that does not compile yet cannot be a payload: it travels whole in the extension.
      channel[CONTRACT_X.contract] = structuredClone(contract);
    }
  }

  const appKeyOf = new Map<string, string>();
  const appKeys = new KeySet();
  const appKey = (app: AppNode) => {
    let key = appKeyOf.get(app.id);
    if (!key) {
      const d = app.data;
      const identity = "clientId" in d && d.clientId ? d.clientId : "groupId" in d ? d.groupId : "";
      key = appKeys.take(componentKey(d.appName) || componentKey(identity) || app.id);
      appKeyOf.set(app.id, key);
    }
    return key;
  };

  const operations: Json = {};
  const operationKeys = new KeySet();
  const connected = new Set<string>();
  const seen = new Set<string>();
  for (const edge of topology.edges) {
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    const kind = source && target ? edgeKind(source.kind, target.kind) : null;
    // Edges that make no sense cannot be said in AsyncAPI; validate-design.ts reports them in the designer.
    if (!source || !target || !kind || seen.has(`${source.id}\u0000${target.id}`)) continue;
    seen.add(`${source.id}\u0000${target.id}`);
    const app = (kind === "produces" ? source : target) as AppNode;
    const topic = (kind === "produces" ? target : source) as Extract<DesignNode, { kind: "topic" }>;
    const channelKey = channelKeyOf.get(topic.id)!;
    const action = kind === "produces" ? "send" : "receive";
    const key = operationKeys.take(`${appKey(app)}.${action}.${channelKey}`);
    const operation: Json = { action, channel: { $ref: `#/channels/${channelKey}` } };
    if (app.data.description) operation.description = app.data.description;
    if (app.kind === "producer" && app.data.examplePayload) {
      const channel = channels[channelKey] as Json;
      const messages = (channel.messages ??= {}) as Json;
      const messageKey = uniqueIn(messages, appKey(app));
      messages[messageKey] = exampleMessage(app.data.appName || app.data.clientId, app.data.examplePayload);
      const contractKey = contractKeyOf.get(topic.id);
      if (contractKey) {
        // The example is a message of the contract: the same payload and key.
        const example = messages[messageKey] as Json;
        example.payload = { $ref: `#/channels/${channelKey}/messages/${contractKey}/payload` };
        const bindings = (messages[contractKey] as Json).bindings;
        if (bindings) example.bindings = structuredClone(bindings);
      }
      operation.messages = [{ $ref: `#/channels/${channelKey}/messages/${messageKey}` }];
    }
    const binding = operationBinding(app, action);
    if (binding) operation.bindings = { kafka: binding };
    operation[X.application] = applicationExtension(app);
    operation[X.edgeId] = edge.id;
    operations[key] = operation;
    connected.add(app.id);
  }

  const doc: Json = {
    asyncapi: opts.version ?? ASYNCAPI_EXPORT_VERSION,
    info: { title: name, version: "1.0.0" },
    servers: { kafka: { host: firstBootstrapServer(opts.bootstrapServers), protocol: "kafka" } },
    channels,
    operations,
  };
  const unconnected = topology.nodes.filter((n): n is AppNode => n.kind !== "topic" && !connected.has(n.id));
  if (unconnected.length) doc[X.applications] = unconnected.map(applicationExtension);
  if (connectors) doc[CONNECTORS_X] = connectors;
  if (design.subjectNaming) doc[SUBJECT_NAMING_X] = design.subjectNaming;
  return doc;
}

export function asyncApiToYaml(doc: Record<string, unknown>): string {
  // No anchors and aliases: readers of the file (and some tools) expect plain YAML.
  return YAML.stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0 });
}

/** A key that AsyncAPI accepts for channels, operations and messages (^[a-zA-Z0-9.\-_]+$). */
export function componentKey(value: string): string {
  return value.trim().replace(/[^a-zA-Z0-9.\-_]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 200);
}

class KeySet {
  private readonly used = new Set<string>();
  take(base: string): string {
    let key = base;
    for (let i = 2; this.used.has(key); i++) key = `${base}-${i}`;
    this.used.add(key);
    return key;
  }
}

function uniqueIn(map: Json, base: string): string {
  let key = base;
  for (let i = 2; key in map; i++) key = `${base}-${i}`;
  return key;
}

function firstBootstrapServer(bootstrapServers: string | undefined): string {
  const first = (bootstrapServers ?? "").split(",")[0].trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
  return first || "localhost:9092";
}

function topicChannel(nodeId: string, data: TopicData): Json {
  const binding: Json = { bindingVersion: KAFKA_BINDING_VERSION };
  if (data.name) binding.topic = data.name;
  const channel: Json = { address: data.addressPattern ?? data.name };
  if (data.addressPattern) {
    // Each {parameter} of the pattern is declared, as the spec asks; `name` is the one topic the design makes.
    const names = [...new Set([...data.addressPattern.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]))];
    if (names.length) channel.parameters = Object.fromEntries(names.map((p) => [p, { description: `Part of the topic name; the design's topic is "${data.name}"` }]));
  }
  if (data.description) channel.description = data.description;
  // The binding's schema wants integers ≥ 1; a design being edited may hold anything, which then travels
  // only in the extensions so the document stays valid.
  if (Number.isInteger(data.partitions) && data.partitions >= 1) binding.partitions = data.partitions;
  else channel[X.partitions] = data.partitions;
  if (Number.isInteger(data.replicationFactor) && data.replicationFactor >= 1) binding.replicas = data.replicationFactor;
  else channel[X.replicationFactor] = data.replicationFactor;
  const topicConfiguration = bindingTopicConfiguration(data.configs);
  if (Object.keys(topicConfiguration).length) binding.topicConfiguration = topicConfiguration;
  channel.bindings = { kafka: binding };
  channel[X.nodeId] = nodeId;
  channel[X.configs] = { ...data.configs };
  if (data.deleteOnApply) channel[X.deleteOnApply] = true;
  return channel;
}

const INTEGER_CONFIGS: Record<string, number> = {
  "retention.ms": -1,
  "retention.bytes": -1,
  "delete.retention.ms": 0,
  "max.message.bytes": 0,
};
const BOOLEAN_CONFIGS = ["confluent.key.schema.validation", "confluent.value.schema.validation"];
const STRING_CONFIGS = ["confluent.key.subject.name.strategy", "confluent.value.subject.name.strategy"];

/** The configs the Kafka channel binding 0.5.0 defines, typed as it wants them; values it would refuse are left out. */
function bindingTopicConfiguration(configs: Record<string, string>): Json {
  const out: Json = {};
  const policy = configs["cleanup.policy"];
  if (policy !== undefined) {
    const values = policy.split(",").map((v) => v.trim());
    if (values.length && values.every((v) => v === "delete" || v === "compact")) out["cleanup.policy"] = values;
  }
  for (const [key, min] of Object.entries(INTEGER_CONFIGS)) {
    const raw = configs[key]?.trim();
    if (raw === undefined || !/^-?\d+$/.test(raw)) continue;
    const value = Number(raw);
    if (Number.isSafeInteger(value) && value >= min) out[key] = value;
  }
  for (const key of BOOLEAN_CONFIGS) {
    const raw = configs[key]?.trim();
    if (raw === "true" || raw === "false") out[key] = raw === "true";
  }
  for (const key of STRING_CONFIGS) if (configs[key] !== undefined) out[key] = configs[key];
  return out;
}

function stringSchema(value: string): Json {
  return { type: "string", enum: [value] };
}

function operationBinding(app: AppNode, action: "send" | "receive"): Json | null {
  const binding: Json = {};
  if (action === "receive" && app.kind !== "producer" && app.data.groupId) binding.groupId = stringSchema(app.data.groupId);
  if (app.kind !== "consumerGroup" && app.data.clientId) binding.clientId = stringSchema(app.data.clientId);
  return Object.keys(binding).length ? { ...binding, bindingVersion: KAFKA_BINDING_VERSION } : null;
}

/** Everything needed to rebuild the node; a fresh object each time, so the YAML has no aliases. */
function applicationExtension(app: AppNode): Json {
  return { id: app.id, kind: app.kind, ...app.data };
}

function exampleMessage(sender: string, examplePayload: string): Json {
  let payload: unknown = examplePayload;
  let json = false;
  try {
    payload = JSON.parse(examplePayload);
    json = true;
  } catch {
    // Not JSON: the example is the text itself.
  }
  const message: Json = {};
  if (sender) message.summary = `Sent by ${sender}`;
  if (json) message.contentType = "application/json";
  message.examples = [{ payload }];
  return message;
}
