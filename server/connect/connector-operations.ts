import "server-only";
import type { ConnectorState, RestartResult } from "@/lib/connect/connect-types";
import { restartedOf, type ParsedStatus } from "@/lib/connect/parse-connect";
import { AppError } from "@/lib/errors/app-error";
import { logger } from "@/server/log";
import { connectCall, connectPath, type ConnectTarget } from "./connect-client";
import { readConnectorStatus } from "./describe-connector";

// The changes Connect makes to a running connector, one REST call each, with Connect's own paths and statuses
// (Apache Kafka's ConnectorsResource). Audited by the guarded path after the fact: a Connect change cannot share
// a database transaction.

/**
 * `POST /connectors/{name}/restart?includeTasks=&onlyFailed=` (KIP-745): with either flag Connect answers 202 and
 * the status with RESTARTING on what it restarts, which is what this returns. With neither, only the connector
 * instance restarts (204, the pre-KIP-745 behaviour).
 */
export async function restartConnector(target: ConnectTarget, name: string, opts: { includeTasks: boolean; onlyFailed: boolean }): Promise<RestartResult> {
  const res = await connectCall(target, "POST", connectPath("connectors", name, "restart"), {
    query: { includeTasks: String(opts.includeTasks), onlyFailed: String(opts.onlyFailed) },
    expect: [200, 202, 204],
  });
  const result = res.body && typeof res.body === "object" ? restartedOf(res.body) : { connector: true, tasks: [], state: "RESTARTING" as ConnectorState };
  logger.info("connector restarted", { connect: target.name, connector: name, ...opts, restartedConnector: result.connector, restartedTasks: result.tasks });
  return result;
}

/** `POST /connectors/{name}/tasks/{task}/restart` (204; 404 "Unknown task" for a task that does not exist). */
export async function restartTask(target: ConnectTarget, name: string, task: number): Promise<{ task: number }> {
  await connectCall(target, "POST", connectPath("connectors", name, "tasks", task, "restart"), { expect: [200, 202, 204] });
  return { task };
}

/** `PUT /connectors/{name}/pause` (202): tasks stop processing, the connector keeps its resources. */
export async function pauseConnector(target: ConnectTarget, name: string): Promise<{ name: string }> {
  await connectCall(target, "PUT", connectPath("connectors", name, "pause"), { expect: [200, 202, 204] });
  return { name };
}

/** `PUT /connectors/{name}/resume` (202): back to RUNNING from PAUSED or STOPPED. */
export async function resumeConnector(target: ConnectTarget, name: string): Promise<{ name: string }> {
  await connectCall(target, "PUT", connectPath("connectors", name, "resume"), { expect: [200, 202, 204] });
  return { name };
}

/** `PUT /connectors/{name}/stop` (Kafka 3.5+, KIP-875): connector and tasks shut down, config and offsets kept. */
export async function stopConnector(target: ConnectTarget, name: string): Promise<{ name: string }> {
  await connectCall(target, "PUT", connectPath("connectors", name, "stop"), { expect: [200, 202, 204] });
  return { name };
}

/** `DELETE /connectors/{name}` (204): the connector and its tasks go; its offsets stay in the offsets topic. */
export async function deleteConnector(target: ConnectTarget, name: string): Promise<{ name: string }> {
  await connectCall(target, "DELETE", connectPath("connectors", name), { expect: [200, 202, 204] });
  logger.info("connector deleted", { connect: target.name, connector: name });
  return { name };
}

/**
 * `DELETE /connectors/{name}/offsets` (Kafka 3.6+, KIP-875): a source starts over, a sink's group offsets go.
 * Connect refuses it (400) unless the connector is STOPPED; its message says so.
 */
export async function resetConnectorOffsets(target: ConnectTarget, name: string): Promise<{ message: string }> {
  const res = await connectCall(target, "DELETE", connectPath("connectors", name, "offsets"), { expect: [200, 202] });
  const message = (res.body as { message?: unknown } | null)?.message;
  return { message: typeof message === "string" ? message : "The offsets for this connector have been reset." };
}

export type ConnectorOutcome = { ok: true; status: ParsedStatus } | { ok: false; status: ParsedStatus | null; reason: string };

/**
 * Waits until the connector and every task are RUNNING (and it has at least `minTasks` tasks), or reports the
 * failure with Connect's trace: a FAILED connector or task ends the wait at once. For apply (issue 14, item 6).
 */
export async function waitForConnectorRunning(target: ConnectTarget, name: string, opts: { timeoutMs?: number; minTasks?: number; intervalMs?: number } = {}): Promise<ConnectorOutcome> {
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  let last: ParsedStatus | null = null;
  for (;;) {
    try {
      last = await readConnectorStatus(target, name);
    } catch (e) {
      if (!(e instanceof AppError && e.code === "NOT_FOUND")) throw e;
    }
    if (last) {
      if (last.state === "FAILED") return { ok: false, status: last, reason: `connector ${name} FAILED${last.trace ? `: ${firstLine(last.trace)}` : ""}` };
      const failed = last.tasks.find((t) => t.state === "FAILED");
      if (failed) return { ok: false, status: last, reason: `task ${failed.id} of ${name} FAILED${failed.trace ? `: ${firstLine(failed.trace)}` : ""}` };
      if (last.state === "RUNNING" && last.tasks.length >= (opts.minTasks ?? 1) && last.tasks.every((t) => t.state === "RUNNING")) return { ok: true, status: last };
    }
    if (Date.now() >= deadline) {
      return { ok: false, status: last, reason: `connector ${name} was not RUNNING with its tasks in time (state ${last?.state ?? "unknown"}, ${last?.tasks.length ?? 0} task(s))` };
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 500));
  }
}

const firstLine = (trace: string) => trace.split("\n")[0].trim();

