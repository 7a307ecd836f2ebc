import { contractSchema, type Contract } from "../contracts/contract-schema";
import { CONTRACT_X, messageContract } from "./asyncapi-contracts";
import { X } from "./asyncapi-export";
import { deref, entries, integer, isObj, kafkaBinding, nonEmpty, schemaString, type Json } from "./asyncapi-json";
import type { TopicData } from "./design-schema";

// What the version readers (asyncapi-read-v3.ts, asyncapi-read-v2.ts) collect from a document: topics from
// channels, with their contracts from the channels' message payloads, and operations with the application
// details their Kafka bindings give. asyncapi-build.ts turns it into a topology.

export type Direction = "send" | "receive";

export interface TopicDraft {
  explicitId?: string;
  idBase: string;
  data: TopicData;
  label: string;
  /** Contracts read from the channel's messages, in order, each with the message it came from. */
  contracts: { contract: Contract; from: string }[];
  /** A contract Topiary kept on the channel because it could not be said as payloads. */
  contractExtension?: unknown;
}

export interface OperationDraft {
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
  /** For the reply side of a request/reply operation: the operation it answers (one application does both). */
  replyOf?: OperationDraft;
}

export const LIMITS = { name: 300, appName: 200, clientId: 200, groupId: 300, description: 4000, examplePayload: 20_000, configKey: 255, configValue: 10_000 };

export interface ChannelNaming {
  /** The Kafka binding's topic, when given: it wins over the address. */
  bindingTopic?: string;
  /** The channel's address (3.x), or its key (2.x); undefined when unknown (null address). */
  address?: string;
  parameters?: unknown;
}

export class AsyncApiReader {
  readonly warnings: string[] = [];
  readonly topics = new Map<string, TopicDraft>();
  readonly operations: OperationDraft[] = [];
  private readonly channelTopic = new Map<string, TopicDraft>();
  /** The topic name given to each address that is not one, and the channel that had it first: its channels stay one topic. */
  private readonly renamedAddresses = new Map<string, { name: string; channel: string }>();
  private readonly objectTopic = new Map<object, TopicDraft>();

  constructor(readonly root: Json) {}

  checkServers(servers: unknown) {
    if (!isObj(servers)) return;
    const protocols = Object.values(servers).flatMap((s) => {
      const server = deref(this.root, s);
      return isObj(server) && typeof server.protocol === "string" ? [server.protocol] : [];
    });
    if (protocols.length && !protocols.some((p) => p.startsWith("kafka"))) {
      this.warnings.push(`The document's servers speak ${[...new Set(protocols)].join(", ")}, not Kafka: its channels were read as topics anyway`);
    }
  }

  addTopic(channelKey: string, channel: Json, naming: ChannelNaming, kafka: Json | undefined): TopicDraft {
    const label = `Channel "${channelKey}"`;
    const explicitId = nonEmpty(channel[X.nodeId]);
    const address = naming.address;
    const pattern = address !== undefined && /\{[^{}]+\}/.test(address) ? address : undefined;
    let rawName = naming.bindingTopic ?? address ?? channelKey;
    if (!naming.bindingTopic && address !== undefined) {
      // An address of another protocol ("user/signedup", "/", a URL) is not a topic name: its other characters
      // become "." (a Kafka name's usual separator). Topiary's own exports keep their names as written.
      const concrete = pattern ? this.concreteAddress(pattern, naming.parameters) : address;
      const illegal = explicitId || !concrete ? [] : [...new Set(concrete.match(/[^A-Za-z0-9._-]/g) ?? [])];
      const earlier = illegal.length ? this.renamedAddresses.get(address) : undefined;
      rawName = earlier?.name ?? (illegal.length ? legalTopicName(concrete, channelKey) : concrete);
      if (illegal.length && !earlier) this.renamedAddresses.set(address, { name: rawName, channel: channelKey });
      const cannotHold = illegal.map((c) => JSON.stringify(c)).join(", ");
      if (earlier) {
        this.warnings.push(`${label} has the address of channel "${earlier.channel}" ("${address}"): it is topic "${rawName}" too`);
      } else if (pattern) {
        this.warnings.push(
          `${label} has parameters in its address ("${pattern}"), and a Kafka topic has none${illegal.length ? ` (nor ${cannotHold})` : ""}: it became topic "${rawName}", one topic of that pattern (the pattern is kept with it); set the name you mean before applying`,
        );
      } else if (illegal.length) {
        this.warnings.push(`${label} has address "${address}", and a Kafka topic name cannot hold ${cannotHold}: it became topic "${rawName}"; set the name you mean before applying`);
      }
    } else if (address === undefined && !naming.bindingTopic && !explicitId) {
      this.warnings.push(`${label} has no address (it is unknown, or chosen at run time): it became topic "${channelKey}", after the channel; set the name you mean before applying`);
    }
    const name = this.clamp(rawName, LIMITS.name, `${label}: topic name`);
    const data: TopicData = {
      name,
      partitions: integer(channel[X.partitions]) ?? integer(kafka?.partitions) ?? 1,
      replicationFactor: integer(channel[X.replicationFactor]) ?? integer(kafka?.replicas) ?? 1,
      configs: this.topicConfigs(label, channel[X.configs], kafka?.topicConfiguration),
      description: this.clamp(nonEmpty(channel.description) ?? nonEmpty(channel.summary) ?? "", LIMITS.description, `${label}: description`),
      deleteOnApply: channel[X.deleteOnApply] === true,
    };
    if (pattern) data.addressPattern = this.clamp(pattern, LIMITS.name, `${label}: address`);
    // Channels that name the same topic (3.0 allows several per address) become one topic node.
    const mergeKey = explicitId ? `id:${explicitId}` : `name:${name}`;
    let topic = this.topics.get(mergeKey);
    if (topic) {
      if (JSON.stringify([topic.data.partitions, topic.data.replicationFactor, topic.data.configs]) !== JSON.stringify([data.partitions, data.replicationFactor, data.configs])) {
        this.warnings.push(`${label} names topic "${name}" again with other settings: the first channel's settings were kept`);
      }
    } else {
      topic = { explicitId, idBase: name || channelKey, data, label, contracts: [], contractExtension: channel[CONTRACT_X.contract] };
      this.topics.set(mergeKey, topic);
    }
    this.channelTopic.set(channelKey, topic);
    this.objectTopic.set(channel, topic);
    return topic;
  }

  /** The address with each parameter replaced by its default, first allowed value or example, else its name. */
  private concreteAddress(pattern: string, parameters: unknown): string {
    const params = deref(this.root, parameters);
    return pattern.replace(/\{([^{}]+)\}/g, (_, name: string) => {
      const p = isObj(params) ? deref(this.root, params[name]) : undefined;
      // 3.x parameters hold enum/default/examples themselves; 2.x ones inside a schema.
      const holder = isObj(p) ? (isObj(deref(this.root, p.schema)) ? (deref(this.root, p.schema) as Json) : p) : undefined;
      const value = schemaString(holder);
      return value && /^[A-Za-z0-9._-]+$/.test(value) ? value : name.replace(/[^A-Za-z0-9._-]+/g, "-");
    });
  }

  /** A channel message's contract, as a candidate for its topic's. */
  addContract(topic: TopicDraft, message: Json, messagePointer: string | undefined, label: string, messageSchemaFormat?: unknown) {
    const contract = messageContract({ root: this.root, warnings: this.warnings, messageSchemaFormat }, message, messagePointer, label);
    if (contract) topic.contracts.push({ contract, from: label });
  }

  private topicConfigs(label: string, extension: unknown, topicConfiguration: unknown): Record<string, string> {
    if (extension !== undefined) {
      if (isObj(extension) && Object.values(extension).every((v) => typeof v === "string")) return this.clampConfigs(label, extension as Record<string, string>);
      this.warnings.push(`${label}: ${X.configs} is not a map of strings; the Kafka binding's topic configuration was used`);
    }
    const configs: Record<string, string> = {};
    for (const [key, value] of entries(deref(this.root, topicConfiguration))) {
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

  /** The topic of a channel reference ("#/channels/x"), or of the channel object itself. */
  resolveChannel(ref: unknown): TopicDraft | undefined {
    if (!isObj(ref)) return undefined;
    if (typeof ref.$ref === "string") {
      const match = /^#\/channels\/([^/]+)$/.exec(ref.$ref);
      if (match) return this.channelTopic.get(match[1].replace(/~1/g, "/").replace(/~0/g, "~"));
      const target = deref(this.root, ref);
      return isObj(target) ? this.objectTopic.get(target) : undefined;
    }
    // A resolved document (as @asyncapi/parser hands it over) holds the channel object itself.
    const id = ref["x-parser-unique-object-id"];
    return this.objectTopic.get(ref) ?? (typeof id === "string" ? this.channelTopic.get(id) : undefined);
  }

  addOperation(key: string, direction: Direction, topic: TopicDraft, op: Json, messages: unknown[], replyOf?: OperationDraft): OperationDraft {
    const kafka = kafkaBinding(this.root, op);
    const draft: OperationDraft = {
      key,
      direction,
      topic,
      clientId: schemaString(deref(this.root, kafka?.clientId)),
      groupId: schemaString(deref(this.root, kafka?.groupId)),
      title: nonEmpty(op.title),
      description: nonEmpty(op.description) ?? nonEmpty(op.summary),
      examplePayload: direction === "send" ? firstExamplePayload(this.root, messages) : undefined,
      application: isObj(op[X.application]) ? (op[X.application] as Json) : undefined,
      edgeId: nonEmpty(op[X.edgeId]),
      replyOf,
    };
    this.operations.push(draft);
    return draft;
  }

  /** Each topic's contract: Topiary's kept one, else the first message's (other payloads named in a warning). */
  settleContracts() {
    for (const t of this.topics.values()) {
      if (t.contractExtension !== undefined) {
        const kept = contractSchema.safeParse(t.contractExtension);
        if (kept.success) {
          t.data.contract = kept.data;
          continue;
        }
        this.warnings.push(`${t.label}: ${CONTRACT_X.contract} is not a contract and was ignored`);
      }
      const distinct = new Map<string, { contract: Contract; from: string }>();
      for (const c of t.contracts) if (!distinct.has(contractIdentity(c.contract))) distinct.set(contractIdentity(c.contract), c);
      const [first, ...others] = distinct.values();
      if (!first) continue;
      const parsed = contractSchema.safeParse(first.contract);
      if (!parsed.success) {
        this.warnings.push(`${first.from}: its schema is larger than a contract holds and was left out`);
        continue;
      }
      t.data.contract = parsed.data;
      if (others.length) {
        this.warnings.push(`${t.label} carries ${distinct.size} different message payloads; a topic has one contract, so it is the one of ${first.from} (not ${others.map((o) => o.from.replace(/^.*, /, "")).join(", ")})`);
      }
    }
  }

  clamp(value: string, max: number, what: string): string {
    if (value.length <= max) return value;
    this.warnings.push(`${what} was cut to ${max} characters`);
    return value.slice(0, max);
  }
}

/**
 * A legal topic name for an address that is not one ("user/signedup", "https://host/books/{id}" made concrete):
 * each run of characters a topic name cannot hold becomes ".", none at either end. An address with nothing left
 * ("/") is named after its channel.
 */
function legalTopicName(concrete: string, channelKey: string): string {
  const name = concrete.replace(/[^A-Za-z0-9._-]+/g, ".").replace(/\.{2,}/g, ".").replace(/^\.+|\.+$/g, "");
  if (name) return name;
  return /^[A-Za-z0-9._-]+$/.test(channelKey) && channelKey !== "." && channelKey !== ".." ? channelKey : "topic";
}

/** What a contract says, whatever its text's layout: two messages with the same schema are one contract. */
function contractIdentity(c: Contract): string {
  const part = (spec: Contract["value"] | undefined) => {
    if (!spec) return null;
    let body = spec.text;
    if (spec.format !== "protobuf") {
      try {
        body = JSON.stringify(JSON.parse(spec.text));
      } catch {
        // Not JSON: compared as written.
      }
    }
    return [spec.format, spec.messageType ?? "", body];
  };
  return JSON.stringify([part(c.value), part(c.key)]);
}

function firstExamplePayload(root: unknown, messages: unknown[]): string | undefined {
  for (const raw of messages) {
    const m = deref(root, raw);
    const examples = isObj(m) ? deref(root, m.examples) : undefined;
    if (!Array.isArray(examples)) continue;
    for (const e of examples) {
      const example = deref(root, e);
      if (!isObj(example) || example.payload === undefined) continue;
      if (typeof example.payload === "string") return example.payload;
      try {
        return JSON.stringify(example.payload, null, 2);
      } catch {
        // A cyclic example (possible in a resolved document) has no text form.
      }
    }
  }
  return undefined;
}
