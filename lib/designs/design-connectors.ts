import { looksSecret } from "../connect/mask-config";
import { holdsReference, SECRET_NAME, secretRefNames } from "../connect/secret-refs";
import { shortClassName } from "../connect/filter-connectors";
import { CONNECTOR_KINDS, type ConnectorData, type ConnectorKind } from "./connector-data";

// What a connector node means, pure: the configuration a design asks Connect for (its `topics` from the edges),
// MirrorMaker 2's topic naming, and the checks made while drawing (without Connect; the plugin's own validation
// comes from the bound cluster's Connect, server/connect/validate-design-connector.ts).

export interface ConnectorNodeLike {
  id: string;
  kind: ConnectorKind;
  data: ConnectorData;
}

export interface ConnectorProblem {
  severity: "error" | "warning";
  message: string;
  nodeId: string;
  field?: string;
}

export const isConnectorKind = (kind: string): kind is ConnectorKind => (CONNECTOR_KINDS as readonly string[]).includes(kind);

export function connectorLabel(n: { kind: ConnectorKind; data: ConnectorData }): string {
  const what = n.kind === "sourceConnector" ? "source connector" : "sink connector";
  return n.data.name ? `${what} "${n.data.name}"` : `unnamed ${what}`;
}

/** The consumer group a sink connector reads as: Connect's `connect-<name>`, unless its config overrides it. */
export const sinkConnectorGroupId = (d: Pick<ConnectorData, "name" | "config">) => d.config["consumer.override.group.id"]?.trim() || `connect-${d.name}`;

/** MirrorMaker 2's replicating connector (connect-mirror, on the worker's plugin path). */
export const MIRROR_SOURCE_CLASS = "org.apache.kafka.connect.mirror.MirrorSourceConnector";
export const isMirrorSource = (className: string) => {
  const c = className.trim();
  return c === MIRROR_SOURCE_CLASS || c === "MirrorSourceConnector" || c === "MirrorSource";
};

/** Client settings of either cluster that Topiary fills from its store at apply (never in a design). */
export const MIRROR_CONNECTION_KEY = /^(source|target)\.cluster\.(bootstrap\.servers|security\.protocol|sasl\.|ssl\.)/;

/** The source cluster's alias: the config's, else the Topiary cluster's name made a safe alias. */
export function mirrorAlias(d: Pick<ConnectorData, "config" | "sourceCluster">): string {
  return d.config["source.cluster.alias"]?.trim() || d.sourceCluster.trim().replace(/[^A-Za-z0-9_-]+/g, "_");
}

/** The source topic a replicated (target) topic comes from: "<alias>.<topic>" → "<topic>"; null when not one. */
export function mirrorSourceTopic(target: string, d: Pick<ConnectorData, "config" | "sourceCluster">): string | null {
  if (/IdentityReplicationPolicy/.test(d.config["replication.policy.class"] ?? "")) return target;
  const prefix = `${mirrorAlias(d)}${d.config["replication.policy.separator"] ?? "."}`;
  return target.startsWith(prefix) && target.length > prefix.length ? target.slice(prefix.length) : null;
}

/** Sources that write one topic named by one key: a single edge fills it. */
const SINGLE_TOPIC_KEY: Record<string, string> = { FileStreamSourceConnector: "topic", FileStreamSource: "topic" };

/** The key a single-topic source names its topic with, if it is one of those. */
export const singleTopicKey = (className: string): string | undefined => SINGLE_TOPIC_KEY[shortClassName(className.trim())];

const escapeRegex = (topic: string) => topic.replace(/[.]/g, "\\.");

/**
 * The configuration the design asks Connect for, secrets still as references and (for MirrorMaker) without the
 * connection settings apply fills in: the node's keys, `connector.class`, and the topics from the edges where the
 * config does not name them (a sink's `topics`; a single-topic source's topic; MirrorMaker's `topics`, a regex
 * list of the source topics whose replicas the edges lead to, and its source alias).
 */
export function designConnectorConfig(n: { kind: ConnectorKind; data: ConnectorData }, topics: { reads: string[]; writes: string[] }): Record<string, string> {
  const d = n.data;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(d.config)) if (key !== "name" && key !== "connector.class") out[key] = value;
  out["connector.class"] = d.connectorClass.trim();
  const reads = [...new Set(topics.reads)].sort();
  const writes = [...new Set(topics.writes)].sort();
  if (n.kind === "sinkConnector") {
    if (!("topics" in out) && !("topics.regex" in out) && reads.length) out.topics = reads.join(",");
    return out;
  }
  if (isMirrorSource(d.connectorClass)) {
    if (!out["source.cluster.alias"] && mirrorAlias(d)) out["source.cluster.alias"] = mirrorAlias(d);
    const sources = writes.map((t) => mirrorSourceTopic(t, d)).filter((t): t is string => !!t);
    if (!("topics" in out) && sources.length) out.topics = sources.map(escapeRegex).join(",");
    return out;
  }
  const key = singleTopicKey(d.connectorClass);
  if (key && !(key in out) && writes.length === 1) out[key] = writes[0];
  return out;
}

const BAD_NAME = /[\u0000-\u001f\u007f/\\]/;
const JAVA_CLASS = /^[A-Za-z_$][A-Za-z0-9_$.]*$/;

/** Checks made while drawing, for one connector node with the names of the topics its edges read and write. */
export function connectorNodeProblems(n: ConnectorNodeLike, topics: { reads: string[]; writes: string[] }): ConnectorProblem[] {
  const out: ConnectorProblem[] = [];
  const d = n.data;
  const label = connectorLabel(n);
  const add = (severity: "error" | "warning", message: string, field?: string) => out.push({ severity, message: `${label}: ${message}`, nodeId: n.id, field });

  if (!d.name) add("error", "give it a connector name", "name");
  else if (d.name.trim() !== d.name || BAD_NAME.test(d.name)) add("error", "a connector name cannot start or end with spaces, nor hold control characters, '/' or '\\'", "name");
  if (d.deleteOnApply) return out;

  const cls = d.connectorClass.trim();
  if (!cls) add("error", "choose its plugin (connector.class)", "connectorClass");
  else if (!JAVA_CLASS.test(cls)) add("error", `"${cls}" is not a Java class name`, "connectorClass");
  else if (n.kind === "sourceConnector" && /Sink(Connector)?$/.test(cls)) add("warning", `${shortClassName(cls)} looks like a sink plugin: draw it as a sink connector`, "connectorClass");
  else if (n.kind === "sinkConnector" && /Source(Connector)?$/.test(cls)) add("warning", `${shortClassName(cls)} looks like a source plugin: draw it as a source connector`, "connectorClass");

  for (const [key, value] of Object.entries(d.config)) {
    const field = `config.${key}`;
    if (key === "connector.class") add("error", "set the plugin in its own field, not as a config key", field);
    else if (key === "name") add("error", "the connector's name is its own field, not a config key", field);
    for (const ref of secretRefNames(value)) if (!SECRET_NAME.test(ref)) add("error", `${key}: "\${secret:${ref}}" is not a valid secret reference`, field);
    if (value !== "" && looksSecret(key) && !holdsReference(value)) {
      add("error", `${key} holds a secret in the design: keep it in the cluster's Connect secrets and write \${secret:name}`, field);
    }
  }

  const mirror = isMirrorSource(cls);
  if (n.kind === "sinkConnector") {
    const named = d.config.topics ?? d.config["topics.regex"];
    if (!topics.reads.length && !named) add("error", "reads no topic: connect a topic to it (its topics come from the connections)", "topics");
    else if (d.config.topics !== undefined && topics.reads.length) {
      const configured = d.config.topics.split(",").map((t) => t.trim()).filter(Boolean).sort().join(",");
      if (configured !== [...new Set(topics.reads)].sort().join(",")) add("warning", "its 'topics' config differs from the topics connected to it: the config's value is applied", "config.topics");
    }
  } else if (!topics.writes.length) add("warning", "writes to no topic: connect it to the topics it writes", "topics");

  if (mirror) {
    if (!d.sourceCluster.trim()) add("error", "name the cluster it replicates from", "sourceCluster");
    for (const key of Object.keys(d.config)) {
      if (MIRROR_CONNECTION_KEY.test(key)) add("error", `${key} is filled from Topiary's store at apply: remove it`, `config.${key}`);
    }
    if (d.sourceCluster.trim()) {
      for (const t of topics.writes) {
        if (mirrorSourceTopic(t, d) === null) add("error", `MirrorMaker writes "${mirrorAlias(d)}${d.config["replication.policy.separator"] ?? "."}<topic>": topic "${t}" cannot be one of its replicas`, "topics");
      }
    }
  } else if (d.sourceCluster.trim()) add("warning", "only MirrorMaker's source connector replicates from another cluster: the source cluster is ignored", "sourceCluster");
  return out;
}
