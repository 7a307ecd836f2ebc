import { AppError } from "../errors/app-error";
import { X } from "./asyncapi-export";
import { applicationAccessSchema } from "./design-identities";
import { isObj, type Json } from "./asyncapi-json";
import { LIMITS, type AsyncApiReader, type OperationDraft } from "./asyncapi-reader";
import {
  MAX_EDGES,
  MAX_NODES,
  consumerGroupDataSchema,
  processorDataSchema,
  producerDataSchema,
  topologySchema,
  type DesignEdge,
  type DesignNode,
  type NodeKind,
  type Topology,
} from "./design-schema";

// From what a reader collected to a topology: operations of one application become one node (by Topiary's
// extension, else by client id for senders and group id for receivers; one application that reads and writes
// is a processor), each operation an edge, ids kept where the document gives them.

type AppKind = Exclude<NodeKind, "topic" | "sourceConnector" | "sinkConnector">;

interface AppGroup {
  kind: AppKind;
  explicitId?: string;
  idBase: string;
  data: Json;
  operations: OperationDraft[];
}

const NODE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const APP_KINDS: readonly AppKind[] = ["producer", "consumerGroup", "processor"];
const APP_SCHEMAS = { producer: producerDataSchema, consumerGroup: consumerGroupDataSchema, processor: processorDataSchema };

export function buildTopology(reader: AsyncApiReader, unconnected: unknown): Topology {
  const groups = groupOperations(reader);
  const ids = new IdAllocator();
  // Explicit ids first, so a generated id never takes one an exported node had.
  const topicIds = new Map<object, string>();
  for (const t of reader.topics.values()) {
    if (t.explicitId && NODE_ID.test(t.explicitId) && ids.reserve(t.explicitId)) topicIds.set(t, t.explicitId);
    else if (t.explicitId) reader.warnings.push(`${t.label}: node id "${t.explicitId}" is invalid or used twice, so a new one was made`);
  }
  const extraApps = unconnectedApplications(reader, unconnected, groups);
  const appIds = new Map<AppGroup, string>();
  for (const g of [...groups, ...extraApps]) {
    if (g.explicitId && ids.reserve(g.explicitId)) appIds.set(g, g.explicitId);
    else if (g.explicitId) reader.warnings.push(`Application "${g.explicitId}": node id used twice, so a new one was made`);
  }

  const nodes: DesignNode[] = [];
  for (const t of reader.topics.values()) {
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
  return topologySchema.parse({ nodes, edges });
}

/** Operations of one application become one node; a reply goes with the operation it answers. */
function groupOperations(reader: AsyncApiReader): AppGroup[] {
  const byKey = new Map<string, OperationDraft[]>();
  const add = (key: string, op: OperationDraft) => {
    const ops = byKey.get(key);
    if (ops) ops.push(op);
    else byKey.set(key, [op]);
  };
  const plain: OperationDraft[] = [];
  const replies: OperationDraft[] = [];
  for (const op of reader.operations) {
    const ext = op.application;
    if (op.replyOf) replies.push(op);
    else if (ext && typeof ext.id === "string" && NODE_ID.test(ext.id) && APP_KINDS.includes(ext.kind as AppKind)) add(`x:${ext.id}`, op);
    else {
      if (ext) reader.warnings.push(`Operation "${op.key}": ${X.application} has no valid id or kind and was ignored`);
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
  const groupOf = new Map<OperationDraft, OperationDraft[]>();
  for (const ops of byKey.values()) for (const op of ops) groupOf.set(op, ops);
  for (const reply of replies) groupOf.get(reply.replyOf!)?.push(reply);
  return [...byKey.entries()].map(([key, ops]) => appGroup(reader, key, ops));
}

function appGroup(reader: AsyncApiReader, key: string, ops: OperationDraft[]): AppGroup {
  const sends = ops.some((o) => o.direction === "send");
  const receives = ops.some((o) => o.direction === "receive");
  const derived: AppKind = sends && receives ? "processor" : sends ? "producer" : "consumerGroup";
  const ext = ops.find((o) => o.application && key.startsWith("x:"))?.application;
  if (ext) {
    let kind = ext.kind as AppKind;
    if ((kind === "producer" && receives) || (kind === "consumerGroup" && sends)) {
      reader.warnings.push(`Application "${ext.id}" is marked as ${kind} but ${receives ? "receives" : "sends"}: it was made a ${derived}`);
      kind = derived;
    }
    return { kind, explicitId: ext.id as string, idBase: ext.id as string, data: appData(reader, kind, ext, `Application "${ext.id}"`), operations: ops };
  }
  const clientId = ops.find((o) => o.clientId)?.clientId ?? "";
  const groupId = ops.find((o) => o.direction === "receive" && o.groupId)?.groupId ?? "";
  const first = ops[0];
  const label = `Operation "${first.key}"`;
  if (derived !== "producer" && !groupId) reader.warnings.push(`${label} receives without a Kafka groupId: set the consumer group id before applying`);
  const fields: Json = {
    appName: ops.find((o) => o.title)?.title ?? (clientId || groupId || first.key),
    clientId,
    groupId,
    description: ops.find((o) => o.description)?.description ?? "",
    examplePayload: ops.find((o) => o.examplePayload)?.examplePayload ?? "",
  };
  const idBase = derived === "consumerGroup" ? groupId || first.key : clientId || groupId || first.key;
  return { kind: derived, idBase, data: appData(reader, derived, fields, label), operations: ops };
}

/** Applications Topiary exported without any edge (a root-level extension). */
function unconnectedApplications(reader: AsyncApiReader, list: unknown, groups: AppGroup[]): AppGroup[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    reader.warnings.push(`${X.applications} is not a list and was ignored`);
    return [];
  }
  const known = new Set(groups.map((g) => g.explicitId));
  const out: AppGroup[] = [];
  for (const ext of list) {
    if (!isObj(ext) || typeof ext.id !== "string" || !NODE_ID.test(ext.id) || !APP_KINDS.includes(ext.kind as AppKind)) {
      reader.warnings.push(`An entry of ${X.applications} has no valid id or kind and was skipped`);
      continue;
    }
    if (known.has(ext.id)) continue;
    known.add(ext.id);
    const kind = ext.kind as AppKind;
    out.push({ kind, explicitId: ext.id, idBase: ext.id, data: appData(reader, kind, ext, `Application "${ext.id}"`), operations: [] });
  }
  return out;
}

/** The node data of an application kind from loosely typed fields: known fields only, strings clamped. */
function appData(reader: AsyncApiReader, kind: AppKind, fields: Json, label: string): Json {
  const shape = APP_SCHEMAS[kind].shape as Record<string, unknown>;
  const data: Json = {};
  for (const field of Object.keys(shape)) {
    const value = fields[field];
    if (field === "rate") data.rate = typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : null;
    else if (field === "access" && value !== undefined) {
      // The application's identity (x-topiary-application.access, issue 13): kept whole when valid.
      const access = applicationAccessSchema.safeParse(value);
      if (access.success) data.access = access.data;
      else reader.warnings.push(`${label}: its identity (access) is not valid and was left out`);
    }
    else if (typeof value === "string") data[field] = reader.clamp(value, LIMITS[field as keyof typeof LIMITS], `${label}: ${field}`);
  }
  return APP_SCHEMAS[kind].parse(data);
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
