// Connect's REST answers turned into the console's shapes (connect-types.ts). Connect is another program: every
// field is checked, and an answer that does not fit gives a readable error rather than a crash in a page.
import { AppError } from "@/lib/errors/app-error";
import {
  CONNECTOR_STATES,
  type ConfigKeyValidation,
  type ConfigValidation,
  type ConnectorOffset,
  type ConnectorState,
  type ConnectorType,
  type ConnectPlugin,
  type RestartResult,
  type TaskCounts,
  type TaskView,
} from "./connect-types";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

/** An answer that does not have the shape Connect's REST API documents (another program behind the URL?). */
export class ConnectAnswerError extends AppError {
  constructor(what: string) {
    super("KAFKA_ERROR", { userMessage: `Kafka Connect answered in an unexpected shape (${what}): is the URL a Connect REST API?` });
  }
}

export function toState(v: unknown): ConnectorState {
  const s = str(v)?.toUpperCase();
  return (CONNECTOR_STATES as readonly string[]).includes(s ?? "") ? (s as ConnectorState) : "UNASSIGNED";
}

export function toType(v: unknown): ConnectorType {
  return v === "source" || v === "sink" ? v : "unknown";
}

/** `GET /`: { version, commit, kafka_cluster_id }. */
export function parseRoot(body: unknown): { version: string; commit: string; kafkaClusterId: string | null } {
  if (!isObject(body) || !str(body.version)) throw new ConnectAnswerError("GET / without a version");
  return { version: str(body.version)!, commit: str(body.commit) ?? "", kafkaClusterId: str(body.kafka_cluster_id) };
}

/** `GET /connector-plugins`: [{ class, type, version }], sorted by class. */
export function parsePlugins(body: unknown): ConnectPlugin[] {
  if (!Array.isArray(body)) throw new ConnectAnswerError("connector plugins are not a list");
  return body
    .filter(isObject)
    .map((p) => ({ className: str(p.class) ?? "", type: toType(p.type), version: str(p.version) }))
    .filter((p) => p.className)
    .sort((a, b) => a.className.localeCompare(b.className));
}

export interface ParsedStatus {
  name: string;
  type: ConnectorType;
  state: ConnectorState;
  workerId: string | null;
  trace: string | null;
  tasks: TaskView[];
}

/** `GET /connectors/{name}/status` (also the `status` of `?expand=status`, and a KIP-745 restart's answer). */
export function parseStatus(body: unknown): ParsedStatus {
  if (!isObject(body) || !isObject(body.connector)) throw new ConnectAnswerError("a connector status without its connector");
  const tasks = (Array.isArray(body.tasks) ? body.tasks : []).filter(isObject).map((t) => ({
    id: typeof t.id === "number" ? t.id : Number(t.id),
    state: toState(t.state),
    workerId: str(t.worker_id),
    trace: str(t.trace),
  }));
  return {
    name: str(body.name) ?? "",
    type: toType(body.type),
    state: toState(body.connector.state),
    workerId: str(body.connector.worker_id),
    trace: str(body.connector.trace),
    tasks: tasks.sort((a, b) => a.id - b.id),
  };
}

export function countTasks(tasks: readonly { state: ConnectorState }[]): TaskCounts {
  const counts: TaskCounts = { total: tasks.length, running: 0, failed: 0, paused: 0, other: 0 };
  for (const t of tasks) {
    if (t.state === "RUNNING") counts.running++;
    else if (t.state === "FAILED") counts.failed++;
    else if (t.state === "PAUSED") counts.paused++;
    else counts.other++;
  }
  return counts;
}

export interface ParsedInfo {
  name: string;
  type: ConnectorType;
  config: Record<string, string>;
}

/** `GET /connectors/{name}` (also the `info` of `?expand=info`, and PUT …/config's answer). */
export function parseInfo(body: unknown): ParsedInfo {
  if (!isObject(body) || !isObject(body.config)) throw new ConnectAnswerError("connector info without its config");
  return { name: str(body.name) ?? "", type: toType(body.type), config: stringRecord(body.config) };
}

export function stringRecord(v: unknown): Record<string, string> {
  if (!isObject(v)) throw new ConnectAnswerError("a configuration that is not an object");
  const out: Record<string, string> = {};
  for (const [k, value] of Object.entries(v)) out[k] = value === null || value === undefined ? "" : String(value);
  return out;
}

/** `GET /connectors?expand=status&expand=info`: { name: { status, info } }. A connector missing either is skipped. */
export function parseExpandedList(body: unknown): { name: string; status: ParsedStatus | null; info: ParsedInfo | null }[] {
  if (!isObject(body)) throw new ConnectAnswerError("the connector list is not an object");
  return Object.entries(body)
    .filter(([, v]) => isObject(v))
    .map(([name, v]) => {
      const entry = v as Json;
      let status: ParsedStatus | null = null;
      let info: ParsedInfo | null = null;
      try {
        status = entry.status ? parseStatus(entry.status) : null;
      } catch {}
      try {
        info = entry.info ? parseInfo(entry.info) : null;
      } catch {}
      return { name, status, info };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** `GET /connectors/{name}/topics`: { name: { topics: [...] } }. */
export function parseTopics(body: unknown, name: string): string[] {
  if (!isObject(body)) throw new ConnectAnswerError("topics are not an object");
  const entry = body[name] ?? Object.values(body)[0];
  const topics = isObject(entry) && Array.isArray(entry.topics) ? entry.topics : [];
  return topics.filter((t): t is string => typeof t === "string").sort();
}

/** `GET /connectors/{name}/offsets`: { offsets: [{ partition, offset }] }. */
export function parseOffsets(body: unknown): ConnectorOffset[] {
  if (!isObject(body) || !Array.isArray(body.offsets)) throw new ConnectAnswerError("offsets without a list");
  return body.offsets.filter(isObject).map((o) => ({ partition: isObject(o.partition) ? o.partition : {}, offset: isObject(o.offset) ? o.offset : null }));
}

/** `PUT /connector-plugins/{class}/config/validate`: { name, error_count, groups, configs: [{ definition, value }] }. */
export function parseValidation(body: unknown): ConfigValidation {
  if (!isObject(body) || !Array.isArray(body.configs)) throw new ConnectAnswerError("a validation without configs");
  const groups = Array.isArray(body.groups) ? body.groups.filter((g): g is string => typeof g === "string") : [];
  const keys: ConfigKeyValidation[] = body.configs.filter(isObject).flatMap((c) => {
    const d = isObject(c.definition) ? c.definition : null;
    const v = isObject(c.value) ? c.value : null;
    const name = str(d?.name) ?? str(v?.name);
    if (!name) return [];
    return [
      {
        definition: {
          name,
          type: str(d?.type) ?? "STRING",
          required: d?.required === true,
          defaultValue: d?.default_value === null || d?.default_value === undefined ? null : String(d.default_value),
          importance: str(d?.importance) ?? "LOW",
          documentation: str(d?.documentation),
          group: str(d?.group),
          displayName: str(d?.display_name) || name,
          order: typeof d?.order === "number" ? d.order : typeof d?.order_in_group === "number" ? d.order_in_group : -1,
          width: str(d?.width) ?? "NONE",
        },
        value: v?.value === null || v?.value === undefined ? null : String(v.value),
        errors: Array.isArray(v?.errors) ? v.errors.filter((e): e is string => typeof e === "string") : [],
        recommendedValues: Array.isArray(v?.recommended_values) ? v.recommended_values.map(String) : [],
        visible: v?.visible !== false,
      },
    ];
  });
  const errorCount = typeof body.error_count === "number" ? body.error_count : keys.reduce((n, k) => n + k.errors.length, 0);
  return { className: str(body.name) ?? "", errorCount, groups, keys };
}

/** What a KIP-745 restart (`includeTasks`/`onlyFailed`) is restarting: the instances it answered RESTARTING. */
export function restartedOf(body: unknown): RestartResult {
  const s = parseStatus(body);
  return { connector: s.state === "RESTARTING", tasks: s.tasks.filter((t) => t.state === "RESTARTING").map((t) => t.id), state: s.state };
}

/**
 * The text of a Connect error answer ({ error_code, message }), without the Java exception class Connect
 * sometimes puts in front ("org.apache.kafka.connect.runtime.rest.errors.BadRequestException: …").
 */
export function connectErrorMessage(body: unknown, status: number): string {
  const raw = isObject(body) ? str(body.message) : null;
  if (!raw) return `HTTP ${status}`;
  return raw.replace(/^(?:[a-z][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error): /, "").trim() || `HTTP ${status}`;
}
