import "server-only";
import type { ConfigValidation, ConnectPlugin } from "@/lib/connect/connect-types";
import { findPlugin } from "@/lib/connect/filter-connectors";
import { looksSecret, maskConfig, SECRET_MASK, unmaskConfig } from "@/lib/connect/mask-config";
import { parseInfo, parseValidation } from "@/lib/connect/parse-connect";
import { AppError } from "@/lib/errors/app-error";
import { logger } from "@/server/log";
import { connectCall, connectPath, type ConnectTarget } from "./connect-client";
import { listConnectorPlugins } from "./connect-cluster-status";
import { pluginPasswordKeys, readConnectorConfigIfAny } from "./describe-connector";

// Creating and changing connectors with Connect's own validation: the plugin must be installed, Connect's
// `PUT /connector-plugins/{class}/config/validate` must find no error (each key's errors come back as field
// errors, shown under the field), then `PUT /connectors/{name}/config`. Masked secrets in an edited config take
// their stored values back on the server; a validation sent to the browser never echoes a secret.

/** The installed plugin a config names, or a VALIDATION error on `connector.class` listing what is installed. */
export async function requirePlugin(target: ConnectTarget, connectorClass: string | undefined): Promise<ConnectPlugin> {
  if (!connectorClass?.trim()) {
    throw new AppError("VALIDATION", { userMessage: "Choose the connector's plugin (connector.class)", fieldErrors: { "connector.class": "Choose a plugin" } });
  }
  const plugins = await listConnectorPlugins(target);
  const plugin = findPlugin(plugins, connectorClass);
  if (!plugin) {
    const message = `The workers of "${target.name}" have no plugin ${connectorClass} (installed: ${plugins.map((p) => p.className).join(", ") || "none"})`;
    throw new AppError("VALIDATION", { userMessage: message, fieldErrors: { "connector.class": message } });
  }
  return plugin;
}

/** The config with masked values filled from the stored connector (when editing one). */
async function withStoredSecrets(target: ConnectTarget, config: Record<string, string>, name: string | undefined) {
  if (!name || !Object.values(config).includes(SECRET_MASK)) return config;
  const stored = await readConnectorConfigIfAny(target, name);
  if (!stored) return config;
  const { maskedKeys } = maskConfig(stored, await pluginPasswordKeys(target, stored["connector.class"] ?? ""));
  return unmaskConfig(config, stored, maskedKeys);
}

const isSecretKey = (k: ConfigValidation["keys"][number]) => k.definition.type === "PASSWORD" || looksSecret(k.definition.name);

/**
 * A validation as the browser may see it: values of PASSWORD and secret-looking keys masked, and those values
 * cut out of every error message too ("Invalid value … for configuration …" quotes the value).
 */
function maskValidation(v: ConfigValidation, config: Record<string, string>): ConfigValidation {
  const secrets = v.keys.filter(isSecretKey).map((k) => config[k.definition.name]).filter((x): x is string => !!x && x !== SECRET_MASK && x.length >= 3);
  const redact = (text: string) => secrets.reduce((t, s) => t.split(s).join(SECRET_MASK), text);
  return {
    ...v,
    keys: v.keys.map((k) => ({
      ...k,
      value: k.value && isSecretKey(k) ? SECRET_MASK : k.value,
      recommendedValues: isSecretKey(k) ? [] : k.recommendedValues,
      errors: k.errors.map(redact),
    })),
  };
}

async function validateRaw(target: ConnectTarget, plugin: ConnectPlugin, config: Record<string, string>): Promise<ConfigValidation> {
  const body = { ...config, "connector.class": config["connector.class"] ?? plugin.className };
  // Connect wants the path's plugin to be the body's connector.class exactly as written (an alias stays an alias).
  const res = await connectCall(target, "PUT", connectPath("connector-plugins", body["connector.class"], "config", "validate"), { body, timeoutMs: 60_000 });
  return parseValidation(res.body);
}

/**
 * Connect's validation of a config (`PUT /connector-plugins/{class}/config/validate`): every key the plugin and
 * the runtime define, with groups, types, defaults, docs and each key's errors. `name`: the connector being
 * edited, whose stored secrets stand in for masked values.
 */
export async function validateConnectorConfig(target: ConnectTarget, config: Record<string, string>, name?: string): Promise<ConfigValidation> {
  const plugin = await requirePlugin(target, config["connector.class"]);
  const full = await withStoredSecrets(target, config, name);
  return maskValidation(await validateRaw(target, plugin, full), full);
}

/** A plugin's config definition: its validation with nothing but the class set (errors are for the missing keys). */
export async function pluginConfigDefinition(target: ConnectTarget, connectorClass: string): Promise<ConfigValidation> {
  const plugin = await requirePlugin(target, connectorClass);
  const config = { "connector.class": plugin.className };
  return maskValidation(await validateRaw(target, plugin, config), config);
}

/** Connect's per-key errors as the form's field errors (several errors of a key joined). */
function fieldErrors(v: ConfigValidation): Record<string, string> {
  return Object.fromEntries(v.keys.filter((k) => k.errors.length).map((k) => [k.definition.name, k.errors.join(" ")]));
}

export interface SavedConnector {
  name: string;
  created: boolean;
  type: string;
}

/**
 * Creates (mode "create": refused when the name exists) or changes (mode "update": refused when it does not) a
 * connector: plugin check, Connect's validation, then `PUT /connectors/{name}/config` (201 created, 200 updated).
 * The config is the whole new config: keys left out are removed, as Connect does.
 */
export async function saveConnector(target: ConnectTarget, name: string, config: Record<string, string>, mode: "create" | "update"): Promise<SavedConnector> {
  if (config.name !== undefined && config.name !== name) {
    throw new AppError("VALIDATION", { userMessage: `The config's name ("${config.name}") is not the connector's name ("${name}")`, fieldErrors: { name: "Must be the connector's name" } });
  }
  const stored = await readConnectorConfigIfAny(target, name);
  if (mode === "create" && stored) {
    const message = `A connector named "${name}" already exists on "${target.name}"`;
    throw new AppError("CONFLICT", { userMessage: message, fieldErrors: { name: message } });
  }
  if (mode === "update" && !stored) throw new AppError("NOT_FOUND", { userMessage: `Kafka Connect "${target.name}": connector ${name} not found (it may have been deleted)` });
  const full = await withStoredSecrets(target, { ...config, name }, mode === "update" ? name : undefined);
  const plugin = await requirePlugin(target, full["connector.class"]);
  const validation = maskValidation(await validateRaw(target, plugin, full), full);
  if (validation.errorCount > 0) {
    const errors = fieldErrors(validation);
    const n = Object.keys(errors).length;
    throw new AppError("VALIDATION", {
      userMessage: `Kafka Connect "${target.name}" found ${validation.errorCount} error${validation.errorCount === 1 ? "" : "s"} in the configuration${n ? `: ${Object.entries(errors).map(([k, e]) => `${k}: ${e}`).join("; ")}` : ""}`,
      fieldErrors: errors,
    });
  }
  const res = await connectCall(target, "PUT", connectPath("connectors", name, "config"), { body: full, expect: [200, 201] });
  const info = parseInfo(res.body);
  logger.info(res.status === 201 ? "connector created" : "connector updated", { connect: target.name, connector: name, class: full["connector.class"] });
  return { name: info.name || name, created: res.status === 201, type: info.type };
}
