// What the console shows of Kafka Connect: plain, JSON-safe shapes built on the server from Connect's REST
// answers (server/connect/*) and read by the pages (components/connect/*). Never a secret: connector configs are
// masked (mask-config.ts) and a Connect cluster's password is only said to exist.

/** A connector's or task's state as Connect reports it (KIP-875 added STOPPED; RESTARTING during a restart). */
export type ConnectorState = "RUNNING" | "PAUSED" | "STOPPED" | "FAILED" | "UNASSIGNED" | "RESTARTING";
export const CONNECTOR_STATES: readonly ConnectorState[] = ["RUNNING", "PAUSED", "STOPPED", "FAILED", "UNASSIGNED", "RESTARTING"];

export type ConnectorType = "source" | "sink" | "unknown";

/** A Connect cluster as the browser sees it: its URL and user, whether a password is stored. */
export interface ConnectClusterView {
  id: string;
  clusterId: string;
  name: string;
  url: string;
  username: string | null;
  hasPassword: boolean;
}

export interface ConnectPlugin {
  /** The connector's class, e.g. org.apache.kafka.connect.file.FileStreamSourceConnector. */
  className: string;
  type: ConnectorType;
  version: string | null;
}

/** What `GET /` and `GET /connector-plugins` say about a Connect cluster. */
export interface ConnectWorkerInfo {
  version: string;
  commit: string;
  kafkaClusterId: string | null;
  plugins: ConnectPlugin[];
}

/** A Connect cluster with what it answered now: its info, or why it could not be asked. */
export interface ConnectClusterStatus extends ConnectClusterView {
  info: ConnectWorkerInfo | null;
  error: string | null;
  /** True when the worker belongs to another Kafka cluster than the one it is listed under. */
  otherKafkaCluster: boolean;
}

export interface TaskCounts {
  total: number;
  running: number;
  failed: number;
  paused: number;
  /** Unassigned, restarting, stopped. */
  other: number;
}

/** One row of the connectors page. */
export interface ConnectorSummary {
  connectId: string;
  connectName: string;
  name: string;
  type: ConnectorType;
  className: string;
  state: ConnectorState;
  workerId: string | null;
  tasks: TaskCounts;
  /** The topics the connector has used (`GET /connectors/{name}/topics`); null when Connect did not say. */
  topics: string[] | null;
}

/** Connectors of every Connect cluster of a Kafka cluster; a Connect cluster that failed to answer is listed apart. */
export interface ConnectorList {
  connectors: ConnectorSummary[];
  unreachable: { connectId: string; connectName: string; error: string }[];
}

export interface TaskView {
  id: number;
  state: ConnectorState;
  workerId: string | null;
  /** Connect's stack trace of a FAILED task. */
  trace: string | null;
}

/** One entry of `GET /connectors/{name}/offsets`: a source partition and offset, or a sink's topic partition and offset. */
export interface ConnectorOffset {
  partition: Record<string, unknown>;
  offset: Record<string, unknown> | null;
}

export interface ConnectorDetail {
  connectId: string;
  connectName: string;
  name: string;
  type: ConnectorType;
  className: string;
  state: ConnectorState;
  workerId: string | null;
  /** The connector's own trace when it FAILED (kafbat #1318: shown, not only the tasks'). */
  trace: string | null;
  tasks: TaskView[];
  /** The configuration with secrets replaced by SECRET_MASK. */
  config: Record<string, string>;
  /** The keys whose values are masked. */
  maskedKeys: string[];
  topics: string[] | null;
  offsets: { ok: true; entries: ConnectorOffset[] } | { ok: false; error: string };
}

/** One configuration key of a plugin (`PUT /connector-plugins/{class}/config/validate`'s definition). */
export interface ConfigKeyDefinition {
  name: string;
  /** BOOLEAN, CLASS, DOUBLE, INT, LIST, LONG, PASSWORD, SHORT, STRING. */
  type: string;
  required: boolean;
  defaultValue: string | null;
  importance: "HIGH" | "MEDIUM" | "LOW" | string;
  documentation: string | null;
  group: string | null;
  displayName: string;
  order: number;
  width: string;
}

/** One key as Connect validated it: its definition, the value it saw, its errors and the values it recommends. */
export interface ConfigKeyValidation {
  definition: ConfigKeyDefinition;
  value: string | null;
  errors: string[];
  recommendedValues: string[];
  visible: boolean;
}

export interface ConfigValidation {
  className: string;
  errorCount: number;
  /** Group names in Connect's order (keys without a group come last). */
  groups: string[];
  keys: ConfigKeyValidation[];
}

/** What a restart with includeTasks/onlyFailed (KIP-745) restarted: the instances Connect marked RESTARTING. */
export interface RestartResult {
  connector: boolean;
  tasks: number[];
  /** The status right after the request (states RESTARTING for what is being restarted). */
  state: ConnectorState;
}
