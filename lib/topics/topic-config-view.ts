// A topic's configuration as the detail page shows it (value, whether it is the topic's own override, and what
// the topic would get without it), and the rule for changing overrides. Pure: no I/O.
import { topicConfigSpec } from "./topic-configs";

/** DescribeConfigs' config sources (Kafka's ConfigSource). */
export const CONFIG_SOURCE = {
  UNKNOWN: 0,
  TOPIC_OVERRIDE: 1, // DYNAMIC_TOPIC_CONFIG: set on this topic
  DYNAMIC_BROKER: 2,
  DYNAMIC_DEFAULT_BROKER: 3,
  STATIC_BROKER: 4,
  DEFAULT: 5,
  DYNAMIC_BROKER_LOGGER: 6,
} as const;

const SOURCE_LABEL: Record<number, string> = {
  [CONFIG_SOURCE.TOPIC_OVERRIDE]: "topic override",
  [CONFIG_SOURCE.DYNAMIC_BROKER]: "broker (dynamic)",
  [CONFIG_SOURCE.DYNAMIC_DEFAULT_BROKER]: "cluster-wide broker default",
  [CONFIG_SOURCE.STATIC_BROKER]: "broker (server.properties)",
  [CONFIG_SOURCE.DEFAULT]: "Kafka default",
  [CONFIG_SOURCE.DYNAMIC_BROKER_LOGGER]: "broker logger",
};

export function configSourceLabel(source: number | undefined): string {
  return SOURCE_LABEL[source ?? 0] ?? "unknown";
}

/** One entry of kafkajs' describeConfigs answer (with includeSynonyms: true). */
export interface RawConfigEntry {
  configName: string;
  configValue: string | null;
  configSource?: number;
  readOnly: boolean;
  isSensitive: boolean;
  configSynonyms?: { configName: string; configValue: string | null; configSource: number }[];
}

export interface TopicConfigView {
  name: string;
  /** Null when Kafka hides it (sensitive). */
  value: string | null;
  /** True when the topic has its own setting (a dynamic topic override). */
  isOverride: boolean;
  /** Where the value comes from, in words. */
  source: string;
  /**
   * What the topic gets without its override: the broker's setting or Kafka's default. `defaultName` is the
   * broker setting it comes from when that has another name (e.g. log.retention.hours, in its own unit).
   */
  defaultValue: string | null;
  defaultSource: string | null;
  defaultName: string | null;
  readOnly: boolean;
  isSensitive: boolean;
  /** Topiary can validate and change it: a known topic config that is neither read-only nor sensitive. */
  editable: boolean;
  doc: string | null;
}

function defaultOf(e: RawConfigEntry): Pick<TopicConfigView, "defaultValue" | "defaultSource" | "defaultName"> {
  if (e.configSource !== CONFIG_SOURCE.TOPIC_OVERRIDE) {
    return { defaultValue: e.configValue, defaultSource: configSourceLabel(e.configSource), defaultName: null };
  }
  // Synonyms come in order of precedence: the first one that is not the topic's own is what applies without it.
  const next = (e.configSynonyms ?? []).find((s) => s.configSource !== CONFIG_SOURCE.TOPIC_OVERRIDE);
  if (next) {
    return {
      defaultValue: next.configValue,
      defaultSource: configSourceLabel(next.configSource),
      defaultName: next.configName === e.configName ? null : next.configName,
    };
  }
  // Kafka lists no synonym when the broker sets nothing: Kafka's own default applies.
  const spec = topicConfigSpec(e.configName);
  return spec ? { defaultValue: spec.defaultValue, defaultSource: configSourceLabel(CONFIG_SOURCE.DEFAULT), defaultName: null } : { defaultValue: null, defaultSource: null, defaultName: null };
}

/** The describeConfigs answer for one topic as rows for the page, sorted by name. */
export function toConfigViews(entries: readonly RawConfigEntry[]): TopicConfigView[] {
  return entries
    .map((e) => {
      const spec = topicConfigSpec(e.configName);
      return {
        name: e.configName,
        value: e.isSensitive ? null : e.configValue,
        isOverride: e.configSource === CONFIG_SOURCE.TOPIC_OVERRIDE,
        source: configSourceLabel(e.configSource),
        ...defaultOf(e),
        readOnly: e.readOnly,
        isSensitive: e.isSensitive,
        editable: !!spec && !e.readOnly && !e.isSensitive,
        doc: spec?.doc ?? null,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The topic's current overrides. `hidden` names overrides whose value Kafka does not return (sensitive): they
 * cannot be sent back, so a full replacement of the overrides would lose them.
 */
export function currentOverrides(entries: readonly RawConfigEntry[]): { overrides: Record<string, string>; hidden: string[] } {
  const overrides: Record<string, string> = {};
  const hidden: string[] = [];
  for (const e of entries) {
    if (e.configSource !== CONFIG_SOURCE.TOPIC_OVERRIDE) continue;
    if (e.configValue === null || e.isSensitive) hidden.push(e.configName);
    else overrides[e.configName] = e.configValue;
  }
  return { overrides, hidden };
}

export interface ConfigChange {
  set: Record<string, string>;
  remove: readonly string[];
}

/**
 * The full set of overrides after a change: `set` keys take their new value, `remove` keys go back to their
 * default, every other override stays. (Kafka's AlterConfigs replaces the whole set, so this is what is sent.)
 */
export function applyConfigChange(current: Record<string, string>, change: ConfigChange): Record<string, string> {
  const next: Record<string, string> = { ...current, ...change.set };
  for (const key of change.remove) delete next[key];
  return next;
}

/** Keys whose override differs between two sets (added, changed or removed). */
export function changedKeys(before: Record<string, string>, after: Record<string, string>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => before[k] !== after[k]).sort();
}

/** What a config change did, in words for the audit log: "retention.ms 604800000 → 3600000; max.message.bytes reset to default". */
export function describeConfigChange(changed: string[], before: Record<string, string | null>, after: Record<string, string>): string {
  if (!changed.length) return "no change";
  return changed
    .map((k) => {
      const was = before[k] ?? null;
      const now = after[k] ?? null;
      if (now === null) return `${k} reset to default${was !== null ? ` (was ${was})` : ""}`;
      return `${k} ${was ?? "default"} → ${now}`;
    })
    .join("; ");
}
