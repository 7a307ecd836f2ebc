import type { ConfigKeyValidation, ConfigValidation } from "./connect-types";

// The connector form's pure parts: the plugin's keys in groups as Connect orders them, each key's errors from
// Connect's validation, and the form <-> JSON round trip (switching editors keeps every value).

/** The group of keys a plugin declares without one (FileStreamSource's `file`, `topic`, …). */
export const PLUGIN_GROUP = "Connector";

export interface KeyGroup {
  name: string;
  keys: ConfigKeyValidation[];
}

/** Keys grouped in Connect's group order, the plugin's own keys right after Common; in a group by order, then name. */
export function groupKeys(validation: ConfigValidation): KeyGroup[] {
  const byGroup = new Map<string, ConfigKeyValidation[]>();
  for (const k of validation.keys) {
    const g = k.definition.group ?? PLUGIN_GROUP;
    byGroup.set(g, [...(byGroup.get(g) ?? []), k]);
  }
  const declared = validation.groups.filter((g) => byGroup.has(g));
  const rest = [...byGroup.keys()].filter((g) => !declared.includes(g));
  const ordered = [...declared, ...rest];
  // The plugin's own keys are what a user came to fill in: right after Common (or first when there is none).
  const plugin = ordered.indexOf(PLUGIN_GROUP);
  if (plugin > 0) {
    ordered.splice(plugin, 1);
    ordered.splice(ordered[0] === "Common" ? 1 : 0, 0, PLUGIN_GROUP);
  }
  return ordered.map((name) => ({
    name,
    keys: [...byGroup.get(name)!].sort((a, b) => orderOf(a) - orderOf(b) || a.definition.name.localeCompare(b.definition.name)),
  }));
}

const orderOf = (k: ConfigKeyValidation) => (k.definition.order >= 0 ? k.definition.order : 10_000);

/** Each key's errors from a validation (only keys that have some). */
export function fieldErrorsOf(validation: ConfigValidation | null | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const k of validation?.keys ?? []) if (k.errors.length) out[k.definition.name] = k.errors;
  return out;
}

/** Keys of the config that the plugin does not declare (e.g. `value.converter.schemas.enable`). */
export function undeclaredKeys(config: Record<string, string>, validation: ConfigValidation | null | undefined): string[] {
  const declared = new Set((validation?.keys ?? []).map((k) => k.definition.name));
  return Object.keys(config).filter((k) => !declared.has(k)).sort();
}

/** The form's values as a config: an empty field is a key left unset. */
export function formValuesToConfig(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ""));
}

/** The config as the JSON editor shows it: `name` and `connector.class` first, then the keys in order. */
export function configToJson(config: Record<string, string>): string {
  const first = ["name", "connector.class"].filter((k) => k in config);
  const rest = Object.keys(config).filter((k) => !first.includes(k)).sort();
  return JSON.stringify(Object.fromEntries([...first, ...rest].map((k) => [k, config[k]])), null, 2);
}

export type ParsedConfigJson = { ok: true; config: Record<string, string> } | { ok: false; error: string };

/**
 * The JSON editor's text as a config. Connect stores strings: numbers and booleans are accepted and written as
 * strings (what Connect itself does with them); null, arrays and objects are refused with the key named.
 */
export function parseConfigJson(text: string): ParsedConfigJson {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `Not valid JSON: ${(e as Error).message}` };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { ok: false, error: 'The configuration is a JSON object of keys and values, e.g. { "connector.class": "FileStreamSource" }' };
  }
  const config: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (typeof v === "string") config[k] = v;
    else if (typeof v === "number" || typeof v === "boolean") config[k] = String(v);
    else return { ok: false, error: `"${k}": Connect takes a string value (or a number or boolean), not ${v === null ? "null" : Array.isArray(v) ? "a list" : "an object"}` };
  }
  return { ok: true, config };
}

/** The inputs a key's type asks for. */
export function inputKindOf(type: string): "boolean" | "number" | "password" | "list" | "text" {
  switch (type) {
    case "BOOLEAN":
      return "boolean";
    case "INT":
    case "LONG":
    case "SHORT":
    case "DOUBLE":
      return "number";
    case "PASSWORD":
      return "password";
    case "LIST":
      return "list";
    default:
      return "text";
  }
}
