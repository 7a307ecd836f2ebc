import "server-only";
import { mapLimit } from "@/lib/async/map-limit";
import type { ConnectorList, ConnectorSummary } from "@/lib/connect/connect-types";
import { countTasks, parseExpandedList, parseTopics } from "@/lib/connect/parse-connect";
import { isAppError } from "@/lib/errors/app-error";
import { connectCall, connectPath, connectTargetOf, type ConnectTarget } from "./connect-client";
import { listConnectClusterRows } from "./connect-clusters";

const TOPIC_CALLS_IN_FLIGHT = 8;

/** The topics a connector has used (`GET /connectors/{name}/topics`); null when topic tracking is off or it failed. */
export async function connectorTopics(target: ConnectTarget, name: string): Promise<string[] | null> {
  try {
    return parseTopics((await connectCall(target, "GET", connectPath("connectors", name, "topics"))).body, name);
  } catch {
    return null;
  }
}

/**
 * Every connector of one Connect cluster with its type, class, state, task counts and topics: one
 * `GET /connectors?expand=status&expand=info`, then the topics of each (a few calls at a time).
 */
export async function listConnectorsOf(target: ConnectTarget): Promise<ConnectorSummary[]> {
  const rows = parseExpandedList((await connectCall(target, "GET", "/connectors", { query: { expand: ["status", "info"] } })).body);
  return mapLimit(rows, TOPIC_CALLS_IN_FLIGHT, async (r) => ({
    connectId: target.id,
    connectName: target.name,
    name: r.name,
    type: r.status?.type !== "unknown" && r.status ? r.status.type : (r.info?.type ?? "unknown"),
    className: r.info?.config["connector.class"] ?? "",
    // Listed but without a status yet: just created, not yet assigned to a worker.
    state: r.status?.state ?? "UNASSIGNED",
    workerId: r.status?.workerId ?? null,
    tasks: countTasks(r.status?.tasks ?? []),
    topics: await connectorTopics(target, r.name),
  }));
}

/** The connectors of every Connect cluster of a Kafka cluster; one that does not answer is reported, not fatal. */
export async function listConnectors(clusterId: string): Promise<ConnectorList> {
  const rows = await listConnectClusterRows(clusterId);
  const out: ConnectorList = { connectors: [], unreachable: [] };
  await Promise.all(
    rows.map(async (row) => {
      try {
        out.connectors.push(...(await listConnectorsOf(connectTargetOf(row))));
      } catch (e) {
        out.unreachable.push({ connectId: row.id, connectName: row.name, error: isAppError(e) ? e.userMessage : String(e) });
      }
    }),
  );
  out.connectors.sort((a, b) => a.name.localeCompare(b.name) || a.connectName.localeCompare(b.connectName));
  out.unreachable.sort((a, b) => a.connectName.localeCompare(b.connectName));
  return out;
}
