// Kafka topic-level configs (Kafka 4.x), with their types and ranges, so a design can be validated before
// it reaches a cluster. Values are kept as strings, as Kafka's admin API takes them.

export type ConfigType =
  | { kind: "long" | "int"; min?: number; max?: number }
  | { kind: "double"; min?: number; max?: number }
  | { kind: "boolean" }
  | { kind: "enum"; values: readonly string[] }
  | { kind: "list"; values: readonly string[] }
  | { kind: "string" };

export interface TopicConfigSpec {
  key: string;
  type: ConfigType;
  /** Kafka's default (the broker default may differ). */
  defaultValue: string;
  doc: string;
}

const INT_MAX = 2147483647;
const COMPRESSION = ["uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"] as const;

export const TOPIC_CONFIGS: readonly TopicConfigSpec[] = [
  { key: "cleanup.policy", type: { kind: "list", values: ["delete", "compact"] }, defaultValue: "delete", doc: "delete old segments, compact by key, or both" },
  { key: "retention.ms", type: { kind: "long", min: -1 }, defaultValue: "604800000", doc: "how long to keep messages (-1: forever)" },
  { key: "retention.bytes", type: { kind: "long", min: -1 }, defaultValue: "-1", doc: "largest size of a partition before old segments go (-1: no limit)" },
  { key: "min.insync.replicas", type: { kind: "int", min: 1 }, defaultValue: "1", doc: "replicas that must acknowledge a write with acks=all" },
  { key: "compression.type", type: { kind: "enum", values: COMPRESSION }, defaultValue: "producer", doc: "final compression of the topic" },
  { key: "max.message.bytes", type: { kind: "int", min: 0 }, defaultValue: "1048588", doc: "largest record batch the topic accepts" },
  { key: "segment.bytes", type: { kind: "int", min: 1048576 }, defaultValue: "1073741824", doc: "size of a log segment file" },
  { key: "segment.ms", type: { kind: "long", min: 1 }, defaultValue: "604800000", doc: "time after which a segment rolls" },
  { key: "segment.jitter.ms", type: { kind: "long", min: 0 }, defaultValue: "0", doc: "random jitter subtracted from segment.ms" },
  { key: "segment.index.bytes", type: { kind: "int", min: 4 }, defaultValue: "10485760", doc: "size of the offset index" },
  { key: "delete.retention.ms", type: { kind: "long", min: 0 }, defaultValue: "86400000", doc: "how long tombstones stay in compacted topics" },
  { key: "min.compaction.lag.ms", type: { kind: "long", min: 0 }, defaultValue: "0", doc: "minimum time a message stays uncompacted" },
  { key: "max.compaction.lag.ms", type: { kind: "long", min: 1 }, defaultValue: "9223372036854775807", doc: "maximum time a message stays uncompacted" },
  { key: "min.cleanable.dirty.ratio", type: { kind: "double", min: 0, max: 1 }, defaultValue: "0.5", doc: "dirty ratio that triggers compaction" },
  { key: "file.delete.delay.ms", type: { kind: "long", min: 0 }, defaultValue: "60000", doc: "delay before deleting a file" },
  { key: "flush.messages", type: { kind: "long", min: 1 }, defaultValue: "9223372036854775807", doc: "messages between forced fsyncs" },
  { key: "flush.ms", type: { kind: "long", min: 0 }, defaultValue: "9223372036854775807", doc: "time between forced fsyncs" },
  { key: "index.interval.bytes", type: { kind: "int", min: 0 }, defaultValue: "4096", doc: "bytes between offset index entries" },
  { key: "local.retention.ms", type: { kind: "long", min: -2 }, defaultValue: "-2", doc: "local retention with tiered storage (-2: retention.ms)" },
  { key: "local.retention.bytes", type: { kind: "long", min: -2 }, defaultValue: "-2", doc: "local size with tiered storage (-2: retention.bytes)" },
  { key: "remote.storage.enable", type: { kind: "boolean" }, defaultValue: "false", doc: "tiered storage for this topic" },
  { key: "message.timestamp.type", type: { kind: "enum", values: ["CreateTime", "LogAppendTime"] }, defaultValue: "CreateTime", doc: "which timestamp records carry" },
  { key: "message.timestamp.before.max.ms", type: { kind: "long", min: 0 }, defaultValue: "9223372036854775807", doc: "how far in the past a timestamp may be" },
  { key: "message.timestamp.after.max.ms", type: { kind: "long", min: 0 }, defaultValue: "3600000", doc: "how far in the future a timestamp may be" },
  { key: "preallocate", type: { kind: "boolean" }, defaultValue: "false", doc: "preallocate segment files" },
  { key: "unclean.leader.election.enable", type: { kind: "boolean" }, defaultValue: "false", doc: "allow out-of-sync replicas to lead (data loss)" },
  { key: "compression.gzip.level", type: { kind: "int", min: 1, max: 9 }, defaultValue: "-1", doc: "gzip level" },
  { key: "compression.lz4.level", type: { kind: "int", min: 1, max: 17 }, defaultValue: "9", doc: "lz4 level" },
  { key: "compression.zstd.level", type: { kind: "int", min: -131072, max: 22 }, defaultValue: "3", doc: "zstd level" },
  { key: "follower.replication.throttled.replicas", type: { kind: "string" }, defaultValue: "", doc: "throttled follower replicas" },
  { key: "leader.replication.throttled.replicas", type: { kind: "string" }, defaultValue: "", doc: "throttled leader replicas" },
  { key: "message.downconversion.enable", type: { kind: "boolean" }, defaultValue: "true", doc: "down-convert for old consumers" },
];

const BY_KEY = new Map(TOPIC_CONFIGS.map((c) => [c.key, c]));

export function topicConfigSpec(key: string): TopicConfigSpec | undefined {
  return BY_KEY.get(key);
}

/** Null when `value` is valid for `key`, else why not. Unknown keys are refused: Kafka would refuse them too. */
export function topicConfigError(key: string, value: string): string | null {
  const spec = BY_KEY.get(key);
  if (!spec) return `"${key}" is not a topic config`;
  const t = spec.type;
  const v = value.trim();
  switch (t.kind) {
    case "int":
    case "long": {
      if (!/^-?\d+$/.test(v)) return `${key} must be a whole number`;
      const n = Number(v);
      if (t.kind === "int" && (n > INT_MAX || n < -INT_MAX - 1)) return `${key} is too large for an int`;
      if (t.min !== undefined && n < t.min) return `${key} must be at least ${t.min}`;
      if (t.max !== undefined && n > t.max) return `${key} must be at most ${t.max}`;
      return null;
    }
    case "double": {
      if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v)) return `${key} must be a number`;
      const n = Number(v);
      if (t.min !== undefined && n < t.min) return `${key} must be at least ${t.min}`;
      if (t.max !== undefined && n > t.max) return `${key} must be at most ${t.max}`;
      return null;
    }
    case "boolean":
      return v === "true" || v === "false" ? null : `${key} must be true or false`;
    case "enum":
      return t.values.includes(v) ? null : `${key} must be one of ${t.values.join(", ")}`;
    case "list": {
      const items = v.split(",").map((s) => s.trim());
      if (items.length === 0 || items.some((i) => !t.values.includes(i))) return `${key} must be a list of ${t.values.join(", ")}`;
      if (new Set(items).size !== items.length) return `${key} lists a value twice`;
      return null;
    }
    case "string":
      return null;
  }
}
