import "server-only";
import type { ConnectorDetail, ConnectorOffset } from "@/lib/connect/connect-types";
import { maskConfig } from "@/lib/connect/mask-config";
import { parseInfo, parseOffsets, parseStatus, stringRecord, type ParsedInfo } from "@/lib/connect/parse-connect";
import { isAppError } from "@/lib/errors/app-error";
import { connectCall, connectPath, type ConnectTarget } from "./connect-client";
import { connectorTopics } from "./list-connectors";

// One connector as its page shows it, and the raw reads the other operations build on. The raw config never
// leaves the server: what a page gets is masked (lib/connect/mask-config.ts).

/** `GET /connectors/{name}`: the stored (unmasked) config and the type. Server-side only. */
export async function readConnectorInfo(target: ConnectTarget, name: string): Promise<ParsedInfo> {
  return parseInfo((await connectCall(target, "GET", connectPath("connectors", name))).body);
}

/** The connector's state, its own trace when FAILED, and its tasks with worker and trace. */
export async function readConnectorStatus(target: ConnectTarget, name: string) {
  return parseStatus((await connectCall(target, "GET", connectPath("connectors", name, "status"))).body);
}

/** `GET /connectors/{name}/offsets` (Kafka 3.5+, KIP-875): source partitions and offsets, or a sink's topic partitions. */
export async function readConnectorOffsets(target: ConnectTarget, name: string): Promise<ConnectorOffset[]> {
  return parseOffsets((await connectCall(target, "GET", connectPath("connectors", name, "offsets"))).body);
}

// Plugin definitions change only with the plugin's version: kept a few minutes per Connect cluster and class.
const DEFINITION_TTL_MS = 5 * 60_000;
const g = globalThis as unknown as { topiaryConnectPasswordKeys?: Map<string, { at: number; keys: string[] }> };
const passwordKeyCache = (g.topiaryConnectPasswordKeys ??= new Map());

/**
 * The keys a plugin declares as PASSWORD (`GET /connector-plugins/{class}/config`, Kafka 3.2+). Empty when the
 * plugin cannot be asked: key names that look secret are masked anyway.
 */
export async function pluginPasswordKeys(target: ConnectTarget, className: string): Promise<string[]> {
  const cacheKey = `${target.id}\u0000${className}`;
  const hit = passwordKeyCache.get(cacheKey);
  if (hit && Date.now() - hit.at < DEFINITION_TTL_MS) return hit.keys;
  try {
    const body = (await connectCall(target, "GET", connectPath("connector-plugins", className, "config"))).body;
    const keys = Array.isArray(body) ? body.filter((d) => d?.type === "PASSWORD" && typeof d.name === "string").map((d) => d.name as string) : [];
    passwordKeyCache.set(cacheKey, { at: Date.now(), keys });
    return keys;
  } catch {
    return [];
  }
}

/** The connector's config as the browser may see it: secrets masked, and which keys are. */
export async function maskedConnectorConfig(target: ConnectTarget, config: Record<string, string>) {
  return maskConfig(config, await pluginPasswordKeys(target, config["connector.class"] ?? ""));
}

const reason = (e: unknown) => (isAppError(e) ? e.userMessage : String(e));

export async function describeConnector(target: ConnectTarget, name: string): Promise<ConnectorDetail> {
  const [info, status, topics, offsets] = await Promise.all([
    readConnectorInfo(target, name),
    // Right after it is created a connector has no status yet: unassigned until a worker takes it.
    readConnectorStatus(target, name).catch((e) => {
      if (isAppError(e) && e.code === "NOT_FOUND") return { name, type: "unknown" as const, state: "UNASSIGNED" as const, workerId: null, trace: null, tasks: [] };
      throw e;
    }),
    connectorTopics(target, name),
    readConnectorOffsets(target, name).then(
      (entries) => ({ ok: true as const, entries }),
      (e) => ({ ok: false as const, error: reason(e) }),
    ),
  ]);
  const masked = await maskedConnectorConfig(target, info.config);
  return {
    connectId: target.id,
    connectName: target.name,
    name,
    type: status.type !== "unknown" ? status.type : info.type,
    className: info.config["connector.class"] ?? "",
    state: status.state,
    workerId: status.workerId,
    trace: status.trace,
    tasks: status.tasks,
    config: masked.config,
    maskedKeys: masked.maskedKeys,
    topics,
    offsets,
  };
}

/** The stored config of a connector, or null when there is none by that name. Server-side only (unmasked). */
export async function readConnectorConfigIfAny(target: ConnectTarget, name: string): Promise<Record<string, string> | null> {
  try {
    return stringRecord((await connectCall(target, "GET", connectPath("connectors", name, "config"))).body);
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") return null;
    throw e;
  }
}
