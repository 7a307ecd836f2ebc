import "server-only";
import { isAppError } from "@/lib/errors/app-error";
import type { ContractChange } from "@/lib/plan/contract-plan-types";
import type { Change, Plan, StepResult } from "@/lib/plan/plan-types";
import { registerSchema } from "@/server/registry/registry-changes";
import { logger } from "@/server/log";
import type { ContractPlanning } from "./plan-contracts";

// Applying a plan's contracts (issue 19, item 6), after its topics: each subject to create or extend is
// registered (POST /subjects/{s}/versions) with the design's schema text, the registry answering with the id and
// version it got. A topic whose own steps failed gets no subject; a registry that stops answering skips the rest.
// Nothing is ever deleted from the registry. The run (each step's result) is recorded with the apply's audit entry.

const isContractChange = (c: Change): c is ContractChange => c.kind === "registerSchema";
const TOPIC_KINDS = new Set<Change["kind"]>(["createTopic", "addPartitions", "setConfig", "removeConfig"]);

const reason = (e: unknown) => (isAppError(e) ? e.userMessage : e instanceof Error ? e.message : String(e));

/** The plan's registrations run; the other results are returned as they came. */
export async function applyContractChanges(plan: Plan, results: StepResult[], planning: ContractPlanning | null): Promise<StepResult[]> {
  const changes = plan.changes.filter(isContractChange);
  if (!changes.length) return results;
  const out = new Map<Change, StepResult>();
  // A subject goes with its topic: when the topic's creation or change failed, its contract waits for the next apply.
  const failedTopics = new Set(results.filter((r) => TOPIC_KINDS.has(r.change.kind) && r.status !== "done").map((r) => (r.change as { topic: string }).topic));
  let down: string | null = null;
  for (const c of changes) {
    const d = planning?.desired.find((x) => x.nodeId === c.nodeId && x.part === c.part && x.subject === c.subject);
    if (!planning?.target || !d) {
      out.set(c, { change: c, status: "skipped", message: "Not attempted: the contract is no longer in the design, or the cluster has no Schema Registry" });
      continue;
    }
    if (down) {
      out.set(c, { change: c, status: "skipped", message: `Not attempted: ${down}` });
      continue;
    }
    if (failedTopics.has(c.topic)) {
      out.set(c, { change: c, status: "skipped", message: `Not attempted: a step of topic ${c.topic} failed` });
      continue;
    }
    try {
      const got = await registerSchema(planning.target, c.subject, { schemaType: d.schemaType, schema: d.schema, references: [] });
      logger.info("subject registered by apply", { clusterId: planning.target.clusterId, subject: c.subject, id: got.id, version: got.version });
      out.set(c, { change: c, status: "done", message: `registered as ${got.version !== null ? `version ${got.version}, ` : ""}schema id ${got.id}` });
    } catch (e) {
      const message = reason(e);
      if (isAppError(e) && (e.code === "KAFKA_UNREACHABLE" || e.code === "KAFKA_TIMEOUT")) down = message;
      logger.warn("apply step failed", { what: "registerSchema", subject: c.subject, message });
      out.set(c, { change: c, status: "failed", message });
    }
  }
  return results.map((r) => out.get(r.change) ?? r);
}
