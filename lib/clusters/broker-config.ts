import { z } from "zod";
import { configSourceLabel, CONFIG_SOURCE, type RawConfigEntry } from "../topics/topic-config-view";
import { clusterIdSchema } from "./cluster-schema";

// A broker's configuration as its page shows it, and the rule for changing its dynamic (per-broker) settings.
// Kafka's non-incremental AlterConfigs replaces every dynamic per-broker setting with what it is sent: so the
// current ones are kept and the change applied to them. Pure.

export interface BrokerConfigView {
  name: string;
  /** Null when Kafka hides it (sensitive). */
  value: string | null;
  source: string;
  /** Set on this broker at run time (not server.properties, not a default). */
  isDynamic: boolean;
  /** Kafka lets it be changed at run time. */
  dynamicallyUpdatable: boolean;
  isSensitive: boolean;
}

/** A broker's page: where it listens, and its settings. */
export interface BrokerConfigPage {
  broker: number;
  host: string;
  port: number;
  rack: string | null;
  isController: boolean;
  configs: BrokerConfigView[];
}

export function toBrokerConfigViews(entries: RawConfigEntry[]): BrokerConfigView[] {
  return entries
    .map((e) => ({
      name: e.configName,
      value: e.isSensitive ? null : e.configValue,
      source: configSourceLabel(e.configSource),
      isDynamic: e.configSource === CONFIG_SOURCE.DYNAMIC_BROKER,
      dynamicallyUpdatable: !e.readOnly,
      isSensitive: e.isSensitive,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

const configKey = z.string().min(1).max(255).regex(/^[a-z0-9._-]+$/, "Not a config key");

export const alterBrokerConfigInputSchema = z
  .object({
    clusterId: clusterIdSchema,
    broker: z.number().int().min(0).max(2_147_483_647),
    /** Settings to set on this broker. */
    set: z.record(configKey, z.string().trim().max(10_000)).default({}),
    /** Per-broker settings to remove (back to server.properties or the default). */
    remove: z.array(configKey).max(200).default([]),
  })
  .superRefine((v, ctx) => {
    if (!Object.keys(v.set).length && !v.remove.length) ctx.addIssue({ code: "custom", message: "Nothing to change" });
  });

/**
 * The broker's dynamic settings after the change, or why it cannot be made: a key Kafka does not let change at
 * run time, or hidden dynamic values that a full replace would lose.
 */
export function nextBrokerOverrides(entries: RawConfigEntry[], change: { set: Record<string, string>; remove: string[] }): { ok: true; overrides: Record<string, string>; before: Record<string, string | null> } | { ok: false; error: string; key?: string } {
  const byName = new Map(entries.map((e) => [e.configName, e]));
  for (const key of [...Object.keys(change.set), ...change.remove]) {
    const e = byName.get(key);
    if (!e) return { ok: false, error: `${key} is not a setting of this broker`, key };
    if (e.readOnly) return { ok: false, error: `${key} cannot be changed while the broker runs (it is read from server.properties at start)`, key };
  }
  const dynamic = entries.filter((e) => e.configSource === CONFIG_SOURCE.DYNAMIC_BROKER);
  const hidden = dynamic.filter((e) => e.isSensitive || e.configValue === null).map((e) => e.configName);
  if (hidden.length) return { ok: false, error: `The broker has dynamic settings whose values Kafka hides (${hidden.join(", ")}); changing its settings here would lose them` };
  const overrides: Record<string, string> = Object.fromEntries(dynamic.map((e) => [e.configName, e.configValue as string]));
  const before: Record<string, string | null> = {};
  for (const key of [...Object.keys(change.set), ...change.remove]) before[key] = overrides[key] ?? null;
  for (const key of change.remove) delete overrides[key];
  Object.assign(overrides, change.set);
  return { ok: true, overrides, before };
}

/**
 * Whether the broker's described dynamic settings are exactly `overrides`. Kafka applies a change through its
 * metadata log, so a broker can describe the settings it had for a moment after the change was accepted; the next
 * full replace must not be built on that older set.
 */
export function brokerOverridesApplied(entries: RawConfigEntry[], overrides: Record<string, string>): boolean {
  const dynamic = entries.filter((e) => e.configSource === CONFIG_SOURCE.DYNAMIC_BROKER);
  if (dynamic.length !== Object.keys(overrides).length) return false;
  return dynamic.every((e) => e.configName in overrides && overrides[e.configName] === e.configValue);
}
