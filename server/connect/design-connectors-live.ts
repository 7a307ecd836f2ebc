import "server-only";
import type { Topology } from "@/lib/designs/design-schema";
import { isConnectorNode } from "@/lib/designs/validate-connectors";
import type { ConnectorLive } from "@/lib/groups/design-live";
import { parseExpandedList, type ParsedStatus } from "@/lib/connect/parse-connect";
import { isAppError } from "@/lib/errors/app-error";
import type { Cluster } from "@/prisma/generated/client";
import { connectCall, connectTargetOf, type ConnectTarget } from "./connect-client";
import { listConnectClusterRows } from "./connect-clusters";

// The connector nodes' live state for the canvas (issue 14, item 7): one `GET /connectors?expand=status` per Connect
// cluster the design uses, shared for a moment by every designer open on it, short timeout (the canvas polls every
// 5 s). A Connect cluster that does not answer says so on its nodes; it never fails the rest of the live answer.

const TIMEOUT_MS = 4_000;
const SHARE_MS = 2_000;
const g = globalThis as unknown as { topiaryConnectorStatuses?: Map<string, { at: number; statuses: Promise<Map<string, ParsedStatus>> }> };
const shared = (g.topiaryConnectorStatuses ??= new Map());

function statusesOf(target: ConnectTarget): Promise<Map<string, ParsedStatus>> {
  const hit = shared.get(target.id);
  if (hit && Date.now() - hit.at < SHARE_MS) return hit.statuses;
  const statuses = connectCall(target, "GET", "/connectors", { query: { expand: "status" }, timeoutMs: TIMEOUT_MS }).then(
    (res) => new Map(parseExpandedList(res.body).flatMap((r) => (r.status ? [[r.name, r.status] as const] : []))),
  );
  shared.set(target.id, { at: Date.now(), statuses });
  statuses.catch(() => shared.delete(target.id));
  return statuses;
}

const firstLine = (trace: string | null) => (trace ?? "").split("\n")[0].trim();

function liveOf(name: string, s: ParsedStatus | undefined): ConnectorLive {
  if (!s) return { kind: "connector", name, state: null, tasks: 0, failedTasks: 0, reason: "Not on Kafka Connect (apply creates it)" };
  const failed = s.tasks.filter((t) => t.state === "FAILED");
  const reasons = [
    s.state === "FAILED" ? `connector FAILED: ${firstLine(s.trace)}` : "",
    ...failed.map((t) => `task ${t.id} FAILED: ${firstLine(t.trace)}`),
  ].filter(Boolean);
  return { kind: "connector", name, state: s.state, tasks: s.tasks.length, failedTasks: failed.length, reason: reasons.join("\n") };
}

export async function designConnectorsLive(cluster: Cluster, topology: Topology): Promise<Record<string, ConnectorLive>> {
  const nodes = topology.nodes.filter(isConnectorNode).filter((n) => n.data.name && !n.data.deleteOnApply);
  if (!nodes.length) return {};
  const rows = await listConnectClusterRows(cluster.id);
  const out: Record<string, ConnectorLive> = {};
  await Promise.all(
    rows.map(async (row) => {
      const mine = nodes.filter((n) => (n.data.connectCluster || (rows.length === 1 ? row.name : "")) === row.name);
      if (!mine.length) return;
      try {
        const statuses = await statusesOf(connectTargetOf(row));
        for (const n of mine) out[n.id] = liveOf(n.data.name, statuses.get(n.data.name));
      } catch (e) {
        const reason = isAppError(e) ? e.userMessage : `Kafka Connect "${row.name}" did not answer`;
        for (const n of mine) out[n.id] = { kind: "connector", name: n.data.name, state: null, tasks: 0, failedTasks: 0, reason };
      }
    }),
  );
  return out;
}
