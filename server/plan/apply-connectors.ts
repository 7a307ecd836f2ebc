import "server-only";
import { can, type Principal } from "@/lib/auth/permissions";
import type { ConnectorChange, DesiredConnector } from "@/lib/plan/connector-plan-types";
import { AppError, isAppError } from "@/lib/errors/app-error";
import type { Change, Plan, StepResult } from "@/lib/plan/plan-types";
import { connectCall, connectPath } from "@/server/connect/connect-client";
import { deleteConnector, waitForConnectorRunning } from "@/server/connect/connector-operations";
import { logger } from "@/server/log";
import type { ConnectorPlanning } from "./plan-connectors";

// Applying a plan's connectors (issue 14, item 6), after its topics: deletions (only connectors marked for
// deletion whose names were typed), then each creation or change as one `PUT /connectors/{name}/config` with the
// whole config (secrets opened here, on the server), then a bounded wait until the connector and its tasks are
// RUNNING, or the failure reported with Connect's trace. A Connect cluster that stops answering skips the rest.

/** How long apply waits for a connector and its tasks to be RUNNING. */
export const CONNECTOR_RUNNING_WAIT_MS = 60_000;

const isConnectorChange = (c: Change): c is ConnectorChange => c.kind === "createConnector" || c.kind === "updateConnector" || c.kind === "deleteConnector";

/**
 * Refuses, before anything is applied: a connector deletion whose name was not typed, and a MirrorMaker connector
 * replicating from a cluster the user may not read messages of (apply hands that cluster's credentials to Connect).
 */
export function checkConnectorApply(plan: Plan, confirmed: string[], planning: ConnectorPlanning | null, principal: Principal): void {
  const unconfirmed = (plan.connectorDeletions ?? []).filter((n) => !confirmed.includes(n));
  if (unconfirmed.length) throw new AppError("VALIDATION", { userMessage: `Type the name of each connector to delete to confirm: ${unconfirmed.join(", ")}` });
  const changed = new Set(plan.changes.filter(isConnectorChange).filter((c) => c.kind !== "deleteConnector").map((c) => c.nodeId));
  for (const d of planning?.desired ?? []) {
    if (!changed.has(d.nodeId) || !d.sourceClusterId || can(principal, "messages:read", d.sourceClusterId)) continue;
    throw new AppError("FORBIDDEN", {
      userMessage: `Connector "${d.name}" replicates from cluster "${d.sourceClusterName}": apply gives that cluster's credentials to Kafka Connect, which needs the operator role (reading messages) on it`,
    });
  }
}

const reason = (e: unknown) => (isAppError(e) ? e.userMessage : e instanceof Error ? e.message : String(e));

async function run(c: ConnectorChange, d: DesiredConnector | undefined, planning: ConnectorPlanning, wasPaused: boolean): Promise<StepResult> {
  const target = planning.targets.get(c.connect);
  if (!target) return { change: c, status: "skipped", message: `Not attempted: no Kafka Connect cluster "${c.connect}"` };
  if (c.kind === "deleteConnector") {
    await deleteConnector(target, c.connector);
    return { change: c, status: "done" };
  }
  if (!d) return { change: c, status: "skipped", message: "Not attempted: the connector is no longer in the design" };
  const config = Object.fromEntries(Object.entries(d.config).map(([k, v]) => [k, v.value]));
  await connectCall(target, "PUT", connectPath("connectors", c.connector, "config"), { body: config, expect: [200, 201] });
  logger.info(c.kind === "createConnector" ? "connector created by apply" : "connector changed by apply", { connect: target.name, connector: c.connector });
  // A paused or stopped connector stays so after a change of config: nothing to wait for.
  if (wasPaused) return { change: c, status: "done", message: "Applied; the connector stays paused or stopped as it was" };
  const outcome = await waitForConnectorRunning(target, c.connector, { timeoutMs: CONNECTOR_RUNNING_WAIT_MS });
  if (outcome.ok) return { change: c, status: "done", message: `RUNNING with ${outcome.status.tasks.length} task${outcome.status.tasks.length === 1 ? "" : "s"}` };
  const failedTask = outcome.status?.tasks.find((t) => t.state === "FAILED");
  const trace = outcome.status?.trace ?? failedTask?.trace ?? undefined;
  return { change: c, status: "failed", message: outcome.reason, ...(trace ? { trace } : {}) };
}

/** The plan's connector changes run; the other results are returned as they came. */
export async function applyConnectorChanges(plan: Plan, results: StepResult[], planning: ConnectorPlanning | null): Promise<StepResult[]> {
  const changes = plan.changes.filter(isConnectorChange);
  if (!changes.length || !planning) return results;
  const out = new Map<Change, StepResult>();
  // A connector reads or writes the design's topics: when a topic step failed, none is created or changed.
  const topicFailed = results.some((r) => !isConnectorChange(r.change) && r.status !== "done");
  const down = new Map<string, string>();
  for (const c of changes) {
    if (down.has(c.connect)) {
      out.set(c, { change: c, status: "skipped", message: `Not attempted: ${down.get(c.connect)}` });
      continue;
    }
    if (topicFailed && c.kind !== "deleteConnector") {
      out.set(c, { change: c, status: "skipped", message: "Not attempted: a step before it failed" });
      continue;
    }
    const d = planning.desired.find((x) => x.nodeId === c.nodeId);
    const live = plan.connectors?.find((x) => x.nodeId === c.nodeId);
    try {
      out.set(c, await run(c, d, planning, live?.state === "PAUSED" || live?.state === "STOPPED"));
    } catch (e) {
      const message = reason(e);
      if (isAppError(e) && (e.code === "KAFKA_UNREACHABLE" || e.code === "KAFKA_TIMEOUT")) down.set(c.connect, message);
      logger.warn("apply step failed", { what: c.kind, connector: c.connector, message });
      out.set(c, { change: c, status: "failed", message });
    }
  }
  return results.map((r) => out.get(r.change) ?? r);
}
