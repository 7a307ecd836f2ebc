import { AppError } from "../errors/app-error";
import { X } from "./asyncapi-export";
import {
  MAX_EDGES,
  MAX_NODES,
  consumerGroupDataSchema,
  processorDataSchema,
  producerDataSchema,
  topicDataSchema,
  topologySchema,
  type DesignEdge,
  type DesignNode,
  type NodeKind,
  type TopicData,
  type Topology,
} from "./design-schema";

// An AsyncAPI document (3.0.x or 2.6.x, already validated by @asyncapi/parser) as a design topology.
// Topics come from channels, applications from operations. Topiary's own exports carry `x-topiary-*`
// extensions, which win so that a round trip is exact; other documents are mapped from their Kafka bindings.
// Positions are not computed here: the caller lays the nodes out.

export const SUPPORTED_ASYNCAPI_VERSIONS = "3.0.x and 2.6.x";

export function isSupportedAsyncApiVersion(version: unknown): version is string {
  return typeof version === "string" && /^(3\.0|2\.6)\.\d+$/.test(version);
}

export interface AsyncApiImport {
  topology: Topology;
  warnings: string[];
}

type Json = Record<string, unknown>;
type AppKind = Exclude<NodeKind, "topic">;
type Direction = "send" | "receive";

interface TopicDraft {
  explicitId?: string;
  idBase: string;
  data: TopicData;
  label: string;
}

interface OperationDraft {
  key: string;
  direction: Direction;
  topic: TopicDraft;
  clientId?: string;
  groupId?: string;
  title?: string;
  description?: string;
  examplePayload?: string;
  application?: Json;
  edgeId?: string;
}

const NODE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const APP_KINDS: readonly AppKind[] = ["producer", "consumerGroup", "processor"];
const APP_SCHEMAS = { producer: producerDataSchema, consumerGroup: consumerGroupDataSchema, processor: processorDataSchema };
const LIMITS = { name: 300, appName: 200, clientId: 200, groupId: 300, description: 4000, examplePayload: 20_000, configKey: 255, configValue: 10_000 };

const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

export function asyncApiToTopology(doc: unknown): AsyncApiImport {
  if (!isObj(doc) || !isSupportedAsyncApiVersion(doc.asyncapi)) {
    const version = isObj(doc) && typeof doc.asyncapi === "string" ? `version ${doc.asyncapi}` : "a document without a version";
    throw new AppError("VALIDATION", { userMessage: `Topiary reads AsyncAPI ${SUPPORTED_ASYNCAPI_VERSIONS}, not ${version}` });
  }
  const reader = new Reader();
  reader.checkServers(doc.servers);
  if (doc.asyncapi.startsWith("3.")) reader.readV3(doc);
  else reader.readV2(doc);
  return reader.build(doc[X.applications]);
}

class Reader {
  readonly warnings: string[] = [];
  private readonly topics = new Map<string, TopicDraft>();
  private readonly channelTopic = new Map<string, TopicDraft>();
  private readonly objectTopic = new Map<object, TopicDraft>();
  private readonly operations: OperationDraft[] = [];

  checkServers(servers: unknown) {
    if (!isObj(servers)) return;
    const protocols = Object.values(servers).flatMap((s) => (isObj(s) && typeof s.protocol === "string" ? [s.protocol] : []));
    if (protocols.length && !protocols.some((p) => p.startsWith("kafka"))) {
      this.warnings.push(`The document's servers speak ${[...new Set(protocols)].join(", ")}, not Kafka: its channels were read as topics anyway`);
    }
  }

  readV3(doc: Json) {
    for (const [key, channel] of entries(doc.channels)) {
      if (!isObj(channel)) {
        this.warnings.push(`Channel "${key}" is not an object and was skipped`);
        continue;
      }
      const kafka = kafkaBinding(channel);
      const name = nonEmpty(kafka?.topic) ?? (typeof channel.address === "string" ? channel.address : key);
      this.addTopic(key, channel, name, kafka);
    }
    for (const [key, op] of entries(doc.operations)) {
      if (!isObj(op)) {
        this.warnings.push(`Operation "${key}" is not an object and was skipped`);
        continue;
      }
      if (op.action !== "send" && op.action !== "receive") {
        this.warnings.push(`Operation "${key}" has action "${String(op.action)}" and was skipped`);
        continue;
      }
      const topic = this.resolveChannel(op.channel);
      if (!topic) {
        this.warnings.push(`Operation "${key}" refers to a channel that is not in the document and was skipped`);
        continue;
      }
      const messages = Array.isArray(op.messages) && op.messages.length ? op.messages : isObj(op.channel) ? Object.values(entriesObj(op.channel.messages)) : [];
      this.addOperation(key, op.action, topic, op, messages);
    }
  }

  readV2(doc: Json) {
    for (const [key, channel] of entries(doc.channels)) {
      if (!isObj(channel)) {
        this.warnings.push(`Channel "${key}" is not an object and was skipped`);
        continue;
      }
      const kafka = kafkaBinding(channel);
      const topic = this.addTopic(key, channel, nonEmpty(kafka?.topic) ?? key, kafka);
      // AsyncAPI 2.x describes operations from the application's side: `subscribe` means the application
      // sends to the channel (others subscribe to what it sends), `publish` means it receives.
      for (const [field, direction] of [["subscribe", "send"], ["publish", "receive"]] as const) {
        const op = channel[field];
        if (!isObj(op)) continue;
        const opKey = nonEmpty(op.operationId) ?? `${key}.${field}`;
        this.addOperation(opKey, direction, topic, op, messagesOfV2(op.message));
      }
    }
  }

  private addTopic(channelKey: string, channel: Json, rawName: string, kafka: Json | undefined): TopicDraft {
    const label = `Channel "${channelKey}"`;
    const explicitId = nonEmpty(channel[X.nodeId]);
    const name = this.clamp(rawName, LIMITS.name, `${label}: topic name`);
    if (/[{}]/.test(name)) this.warnings.push(`${label} has parameters in its address ("${name}"): give the topic a concrete name`);
    const data: TopicData = {
      name,
      partitions: integer(channel[X.partitions]) ?? integer(kafka?.partitions) ?? 1,
      replicationFactor: integer(channel[X.replicationFactor]) ?? integer(kafka?.replicas) ?? 1,
      configs: this.topicConfigs(label, channel[X.configs], kafka?.topicConfiguration),
      description: this.clamp(nonEmpty(channel.description) ?? nonEmpty(channel.summary) ?? "", LIMITS.description, `${label}: description`),
      deleteOnApply: channel[X.deleteOnApply] === true,
    };
    // Channels that name the same topic (3.0 allows several per address) become one topic node.
    const mergeKey = explicitId ? `id:${explicitId}` : `name:${name}`;
    let topic = this.topics.get(mergeKey);
    if (topic) {
      if (JSON.stringify([topic.data.partitions, topic.data.replicationFactor, topic.data.configs]) !== JSON.stringify([data.partitions, data.replicationFactor, data.configs])) {
        this.warnings.push(`${label} names topic "${name}" again with other settings: the first channel's settings were kept`);
      }
    } else {
      topic = { explicitId, idBase: name || channelKey, data, label };
      this.topics.set(mergeKey, topic);
    }
    this.channelTopic.set(channelKey, topic);
    this.objectTopic.set(channel, topic);
    return topic;
  }

  private topicConfigs(label: string, extension: unknown, topicConfiguration: unknown): Record<string, string> {
    if (extension !== undefined) {
      if (isObj(extension) && Object.values(extension).every((v) => typeof v === "string")) return this.clampConfigs(label, extension as Record<string, string>);
      this.warnings.push(`${label}: ${X.configs} is not a map of strings; the Kafka binding's topic configuration was used`);
    }
    const configs: Record<string, string> = {};
    for (const [key, value] of entries(topicConfiguration)) {
      if (Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number")) configs[key] = value.join(",");
      else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") configs[key] = String(value);
      else this.warnings.push(`${label}: topic config "${key}" has a value Topiary cannot read and was skipped`);
    }
    return this.clampConfigs(label, configs);
  }

  private clampConfigs(label: string, configs: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(configs)) {
      if (key.length > LIMITS.configKey) this.warnings.push(`${label}: a topic config key longer than ${LIMITS.configKey} characters was skipped`);
      else out[key] = this.clamp(value, LIMITS.configValue, `${label}: topic config "${key}"`);
    }
    return out;
  }

  private resolveChannel(ref: unknown): TopicDraft | undefined {
    if (!isObj(ref)) return undefined;
    if (typeof ref.$ref === "string") {
      const match = /^#\/channels\/(.+)$/.exec(ref.$ref);
      return match ? this.channelTopic.get(match[1].replace(/~1/g, "/").replace(/~0/g, "~")) : undefined;
    }
    // @asyncapi/parser resolves references: the operation then holds the channel object itself.
    const id = ref["x-parser-unique-object-id"];
    return this.objectTopic.get(ref) ?? (typeof id === "string" ? this.channelTopic.get(id) : undefined);
  }

  private addOperation(key: string, direction: Direction, topic: TopicDraft, op: Json, messages: unknown[]) {
    const kafka = kafkaBinding(op);
    this.operations.push({
      key,
      direction,
      topic,
      clientId: schemaString(kafka?.clientId),
      groupId: schemaString(kafka?.groupId),
      title: nonEmpty(op.title),
      description: nonEmpty(op.description) ?? nonEmpty(op.summary),
      examplePayload: direction === "send" ? firstExamplePayload(messages) : undefined,
      application: isObj(op[X.application]) ? op[X.application] as Json : undefined,
      edgeId: nonEmpty(op[X.edgeId]),
    });
  }

  build(unconnected: unknown): AsyncApiImport {
    const groups = this.groupOperations();
    const ids = new IdAllocator();
    // Explicit ids first, so a generated id never takes one an exported node had.
    const topicIds = new Map<TopicDraft, string>();
    for (const t of this.topics.values()) {
      if (t.explicitId && NODE_ID.test(t.explicitId) && ids.reserve(t.explicitId)) topicIds.set(t, t.explicitId);
      else if (t.explicitId) this.warnings.push(`${t.label}: node id "${t.explicitId}" is invalid or used twice, so a new one was made`);
    }
    const extraApps = this.unconnectedApplications(unconnected, groups);
    const appIds = new Map<AppGroup, string>();
    for (const g of [...groups, ...extraApps]) {
      if (g.explicitId && ids.reserve(g.explicitId)) appIds.set(g, g.explicitId);
      else if (g.explicitId) this.warnings.push(`Application "${g.explicitId}": node id used twice, so a new one was made`);
    }

    const nodes: DesignNode[] = [];
    for (const t of this.topics.values()) {
      const id = topicIds.get(t) ?? ids.generate(t.idBase, "topic");
      topicIds.set(t, id);
      nodes.push({ id, kind: "topic", data: t.data });
    }
    for (const g of [...groups, ...extraApps]) {
      const id = appIds.get(g) ?? ids.generate(g.idBase, g.kind);
      appIds.set(g, id);
      nodes.push({ id, kind: g.kind, data: g.data } as DesignNode);
    }

    const edges: DesignEdge[] = [];
    const pairs = new Set<string>();
    const edgeIds = new Set<string>();
    for (const g of groups) {
      for (const op of g.operations) {
        const app = appIds.get(g)!;
        const topic = topicIds.get(op.topic)!;
        const [source, target] = op.direction === "send" ? [app, topic] : [topic, app];
        // Several operations of one application on one channel (one per message type) are one edge.
        if (pairs.has(`${source}\u0000${target}`)) continue;
        pairs.add(`${source}\u0000${target}`);
        let id = op.edgeId && op.edgeId.length <= 160 && !edgeIds.has(op.edgeId) ? op.edgeId : `e-${source}-${target}`.slice(0, 150);
        for (let i = 2; edgeIds.has(id); i++) id = `e-${source}-${target}`.slice(0, 150) + `-${i}`;
        edgeIds.add(id);
        edges.push({ id, source, target });
      }
    }
    if (nodes.length > MAX_NODES || edges.length > MAX_EDGES) {
      throw new AppError("VALIDATION", { userMessage: `The document makes ${nodes.length} nodes and ${edges.length} edges; a design holds at most ${MAX_NODES} nodes and ${MAX_EDGES} edges` });
    }
    return { topology: topologySchema.parse({ nodes, edges }), warnings: this.warnings };
  }

  /** Operations of one application become one node. */
  private groupOperations(): AppGroup[] {
    const byKey = new Map<string, OperationDraft[]>();
    const add = (key: string, op: OperationDraft) => {
      const ops = byKey.get(key);
      if (ops) ops.push(op);
      else byKey.set(key, [op]);
    };
    const plain: OperationDraft[] = [];
    for (const op of this.operations) {
      const ext = op.application;
      if (ext && typeof ext.id === "string" && NODE_ID.test(ext.id) && APP_KINDS.includes(ext.kind as AppKind)) add(`x:${ext.id}`, op);
      else {
        if (ext) this.warnings.push(`Operation "${op.key}": ${X.application} has no valid id or kind and was ignored`);
        plain.push(op);
      }
    }
    // Without extensions: a sender is known by its client id, a receiver by its group id. A receiver whose
    // client id is also a sender's is one application that reads and writes: a processor.
    const senderByClient = new Map<string, string>();
    for (const op of plain) if (op.direction === "send" && op.clientId) senderByClient.set(op.clientId, `c:${op.clientId}`);
    const joins = new Map<string, string>(); // receiving group key → sending application key
    const joinedSenders = new Set<string>();
    for (const op of plain) {
      let key: string;
      if (op.direction === "send") key = op.clientId ? `c:${op.clientId}` : `op:${op.key}`;
      else if (op.groupId) {
        key = `g:${op.groupId}`;
        const sender = op.clientId ? senderByClient.get(op.clientId) : undefined;
        if (sender && !joins.has(key) && !joinedSenders.has(sender)) {
          joins.set(key, sender);
          joinedSenders.add(sender);
        }
      } else key = op.clientId ? `c:${op.clientId}` : `op:${op.key}`;
      add(key, op);
    }
    // The whole consumer group joins the sender, including its operations that carry no client id.
    for (const [group, sender] of joins) {
      byKey.set(sender, [...(byKey.get(sender) ?? []), ...(byKey.get(group) ?? [])]);
      byKey.delete(group);
    }
    return [...byKey.entries()].map(([key, ops]) => this.appGroup(key, ops));
  }

  private appGroup(key: string, ops: OperationDraft[]): AppGroup {
    const sends = ops.some((o) => o.direction === "send");
    const receives = ops.some((o) => o.direction === "receive");
    const derived: AppKind = sends && receives ? "processor" : sends ? "producer" : "consumerGroup";
    const ext = ops.find((o) => o.application && key.startsWith("x:"))?.application;
    if (ext) {
      let kind = ext.kind as AppKind;
      if ((kind === "producer" && receives) || (kind === "consumerGroup" && sends)) {
        this.warnings.push(`Application "${ext.id}" is marked as ${kind} but ${receives ? "receives" : "sends"}: it was made a ${derived}`);
        kind = derived;
      }
      return { kind, explicitId: ext.id as string, idBase: ext.id as string, data: this.appData(kind, ext, `Application "${ext.id}"`), operations: ops };
    }
    const clientId = ops.find((o) => o.clientId)?.clientId ?? "";
    const groupId = ops.find((o) => o.direction === "receive" && o.groupId)?.groupId ?? "";
    const first = ops[0];
    const label = `Operation "${first.key}"`;
    if (derived !== "producer" && !groupId) this.warnings.push(`${label} receives without a Kafka groupId: set the consumer group id before applying`);
    const fields: Json = {
      appName: ops.find((o) => o.title)?.title ?? (clientId || groupId || first.key),
      clientId,
      groupId,
      description: ops.find((o) => o.description)?.description ?? "",
      examplePayload: ops.find((o) => o.examplePayload)?.examplePayload ?? "",
    };
    const idBase = derived === "consumerGroup" ? groupId || first.key : clientId || groupId || first.key;
    return { kind: derived, idBase, data: this.appData(derived, fields, label), operations: ops };
  }

  /** Applications Topiary exported without any edge (a root-level extension). */
  private unconnectedApplications(list: unknown, groups: AppGroup[]): AppGroup[] {
    if (list === undefined) return [];
    if (!Array.isArray(list)) {
      this.warnings.push(`${X.applications} is not a list and was ignored`);
      return [];
    }
    const known = new Set(groups.map((g) => g.explicitId));
    const out: AppGroup[] = [];
    for (const ext of list) {
      if (!isObj(ext) || typeof ext.id !== "string" || !NODE_ID.test(ext.id) || !APP_KINDS.includes(ext.kind as AppKind)) {
        this.warnings.push(`An entry of ${X.applications} has no valid id or kind and was skipped`);
        continue;
      }
      if (known.has(ext.id)) continue;
      known.add(ext.id);
      const kind = ext.kind as AppKind;
      out.push({ kind, explicitId: ext.id, idBase: ext.id, data: this.appData(kind, ext, `Application "${ext.id}"`), operations: [] });
    }
    return out;
  }

  /** The node data of an application kind from loosely typed fields: known fields only, strings clamped. */
  private appData(kind: AppKind, fields: Json, label: string): Json {
    const shape = APP_SCHEMAS[kind].shape as Record<string, unknown>;
    const data: Json = {};
    for (const field of Object.keys(shape)) {
      const value = fields[field];
      if (field === "rate") data.rate = typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : null;
      else if (typeof value === "string") data[field] = this.clamp(value, LIMITS[field as keyof typeof LIMITS], `${label}: ${field}`);
    }
    return APP_SCHEMAS[kind].parse(data);
  }

  private clamp(value: string, max: number, what: string): string {
    if (value.length <= max) return value;
    this.warnings.push(`${what} was cut to ${max} characters`);
    return value.slice(0, max);
  }
}

interface AppGroup {
  kind: AppKind;
  explicitId?: string;
  idBase: string;
  data: Json;
  operations: OperationDraft[];
}

class IdAllocator {
  private readonly used = new Set<string>();
  reserve(id: string): boolean {
    if (this.used.has(id)) return false;
    this.used.add(id);
    return true;
  }
  generate(base: string, fallback: string): string {
    const stem = base.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 56) || fallback;
    let id = stem;
    for (let i = 2; this.used.has(id); i++) id = `${stem}-${i}`;
    this.used.add(id);
    return id;
  }
}

function entries(value: unknown): [string, unknown][] {
  return isObj(value) ? Object.entries(value) : [];
}

function entriesObj(value: unknown): Json {
  return isObj(value) ? value : {};
}

function kafkaBinding(holder: Json): Json | undefined {
  const bindings = holder.bindings;
  return isObj(bindings) && isObj(bindings.kafka) ? bindings.kafka : undefined;
}

function integer(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) ? value : undefined;
}

/** A Kafka binding's groupId/clientId: a schema object (`enum`, `const` or `default`), or a bare string in older files. */
function schemaString(value: unknown): string | undefined {
  if (typeof value === "string") return nonEmpty(value);
  if (!isObj(value)) return undefined;
  if (Array.isArray(value.enum)) return nonEmpty(value.enum.find((v) => typeof v === "string"));
  return nonEmpty(value.const) ?? nonEmpty(value.default);
}

function messagesOfV2(message: unknown): unknown[] {
  if (!isObj(message)) return [];
  return Array.isArray(message.oneOf) ? message.oneOf : [message];
}

function firstExamplePayload(messages: unknown[]): string | undefined {
  for (const m of messages) {
    if (!isObj(m) || !Array.isArray(m.examples)) continue;
    for (const example of m.examples) {
      if (!isObj(example) || example.payload === undefined) continue;
      if (typeof example.payload === "string") return example.payload;
      try {
        return JSON.stringify(example.payload, null, 2);
      } catch {
        // A cyclic example (possible after reference resolution) has no text form.
      }
    }
  }
  return undefined;
}
