import { findPlugin } from "../connect/filter-connectors";
import { looksSecret, SECRET_MASK } from "../connect/mask-config";
import { stableHash } from "./stable-hash";
import type { ConnectLive, ConnectorChange, ConnectorPlan, ConnectorPlanPart, DesiredConnector, KeyChange, LiveConnector } from "./connector-plan-types";
import type { Plan } from "./plan-types";

// What applying a design's connectors would change on their Connect clusters (issue 14, item 6), with the topics'
// safety: a connector is created when missing, its changed keys set (before → after per key, the whole config
// sent as Connect takes it), and deleted only when its node is marked for deletion and its name typed. Connectors
// the design does not describe are listed and never touched. A missing plugin, an unknown Connect cluster, a
// secret not set or Connect's own validation errors refuse the connector, and a refused connector blocks the whole
// apply: a flow with its connector missing is half a flow. Pure: the same inputs give the same plan and hash.

export interface ConnectorPlanInputs {
  desired: DesiredConnector[];
  connects: ConnectLive[];
  /** Design errors per node id (from validate-design): such a connector is not planned. */
  nodeErrors: Map<string, string[]>;
  /** Connect's validation errors per node id (key: message), from the server's validate call. */
  validation?: Map<string, string[]>;
}

/** How the cluster's value is shown: masked when the key holds a secret on either side. */
function shownLive(key: string, value: string, secret: boolean, passwordKeys: Set<string>): string {
  return value !== "" && (secret || passwordKeys.has(key) || looksSecret(key)) ? SECRET_MASK : value;
}

/** The keys whose values differ, before → after, in key order; `name` (Connect's own) is never one. */
export function configKeyChanges(desired: DesiredConnector["config"], live: LiveConnector | null): KeyChange[] {
  const stored = live?.config ?? {};
  const passwordKeys = new Set(live?.passwordKeys ?? []);
  const out: KeyChange[] = [];
  const keys = [...new Set([...Object.keys(desired), ...Object.keys(stored)])].filter((k) => k !== "name").sort();
  for (const key of keys) {
    const want = desired[key];
    const has = key in stored ? stored[key] : null;
    if (want && has === want.value) continue;
    const before = has === null ? null : shownLive(key, has, !!want?.secret, passwordKeys);
    out.push({ key, before, after: want ? want.shown : null });
  }
  return out;
}

function planOne(d: DesiredConnector, connect: ConnectLive | undefined, inputs: ConnectorPlanInputs): ConnectorPlan {
  const plan: ConnectorPlan = { nodeId: d.nodeId, connector: d.name, connect: d.connect, type: d.type, className: d.className, status: "in-sync", change: null, refusals: [], warnings: [], state: null };
  const errors = inputs.nodeErrors.get(d.nodeId);
  if (errors?.length) return { ...plan, status: "invalid", refusals: [...errors] };
  if (d.refusals.length) return { ...plan, status: "refused", refusals: [...d.refusals] };
  if (!connect) return { ...plan, status: "refused", refusals: [`No Kafka Connect cluster named "${d.connect}"`] };
  if (connect.error) return { ...plan, status: "refused", refusals: [connect.error] };

  const live = connect.connectors.find((c) => c.name === d.name) ?? null;
  plan.state = live?.state ?? null;
  const ref = { nodeId: d.nodeId, connector: d.name, connect: d.connect };
  if (d.deleteOnApply) {
    if (live) return { ...plan, status: "delete", change: { kind: "deleteConnector", ...ref } };
    return { ...plan, warnings: ["Marked for deletion, and not on Kafka Connect: nothing to do"] };
  }

  const plugin = findPlugin(connect.plugins, d.className);
  if (!plugin) {
    const installed = connect.plugins.map((p) => p.className).join(", ") || "none";
    return { ...plan, status: "refused", refusals: [`The workers of "${connect.name}" have no plugin ${d.className} (installed: ${installed})`] };
  }
  if (plugin.type !== "unknown" && plugin.type !== d.type) {
    return { ...plan, status: "refused", refusals: [`${d.className} is a ${plugin.type} plugin: draw it as a ${plugin.type} connector`] };
  }
  if (live && live.type !== "unknown" && live.type !== d.type) {
    return { ...plan, status: "refused", refusals: [`A ${live.type} connector named "${d.name}" already runs on "${connect.name}"`] };
  }
  const validation = inputs.validation?.get(d.nodeId);
  if (validation?.length) return { ...plan, status: "refused", refusals: validation.map((v) => `Kafka Connect: ${v}`) };

  const keys = configKeyChanges(d.config, live);
  if (!live) return { ...plan, status: "create", change: { kind: "createConnector", ...ref, className: d.className, keys } };
  if (live.state === "FAILED") plan.warnings.push(`FAILED on "${connect.name}": see its page for the trace, and restart it there`);
  if (!keys.length) return plan;
  return { ...plan, status: "update", change: { kind: "updateConnector", ...ref, keys } };
}

export function planConnectors(inputs: ConnectorPlanInputs): ConnectorPlanPart {
  const byName = new Map(inputs.connects.map((c) => [c.name, c]));
  const connectors = inputs.desired.map((d) => planOne(d, byName.get(d.connect), inputs));
  const described = new Set(inputs.desired.map((d) => `${d.connect}\u0000${d.name}`));
  const used = new Set(inputs.desired.map((d) => d.connect));
  const unmanaged = inputs.connects
    .filter((c) => used.has(c.name))
    .flatMap((c) => c.connectors.filter((x) => !described.has(`${c.name}\u0000${x.name}`)).map((x) => ({ connect: c.name, name: x.name })))
    .sort((a, b) => a.connect.localeCompare(b.connect) || a.name.localeCompare(b.name));
  // Deletions first (a connector is gone before another takes its topics), then creations and updates.
  const changes = connectors.flatMap((c) => (c.change ? [c.change] : [])).sort((a, b) => (a.kind === "deleteConnector" ? 0 : 1) - (b.kind === "deleteConnector" ? 0 : 1));
  const deletions = changes.filter((c) => c.kind === "deleteConnector").map((c) => c.connector);
  // Connectors the design does not describe are never touched, so one created or removed meanwhile by someone else
  // does not make this plan stale.
  const hash = stableHash({ connectors });
  return { connectors, unmanaged, changes, deletions, hash };
}

/** The plan with its connectors' part: their changes after the topics', their refusals blocking, one hash. */
export function withConnectorPlan(plan: Plan, part: ConnectorPlanPart | null): Plan {
  if (!part) return plan;
  const blocking = part.connectors
    .filter((c) => c.status === "refused")
    .flatMap((c) => c.refusals.map((r) => `connector "${c.connector || c.nodeId}": ${r}`));
  return {
    ...plan,
    connectors: part.connectors,
    unmanagedConnectors: part.unmanaged,
    connectorDeletions: part.deletions,
    changes: [...plan.changes, ...part.changes],
    blockingErrors: [...plan.blockingErrors, ...blocking],
    hash: stableHash([plan.hash, part.hash]),
  };
}

export type { ConnectorChange };
