import "server-only";
import type { Admin } from "kafkajs";
import type { Principal } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { classifyKafkaError } from "@/lib/kafka/classify-kafka-error";
import type { Change, Plan, StepResult } from "@/lib/plan/plan-types";
import type { Cluster, Prisma } from "@/prisma/generated/client";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { auditedTransaction } from "@/server/audit/audited-transaction";
import { prisma } from "@/server/db/prisma";
import { parseTopology } from "@/server/designs/design-records";
import { adminFor } from "@/server/kafka/client-registry";
import { forgetTopicMetadata } from "@/server/kafka/topic-metadata-cache";
import { withTimeout } from "@/server/kafka/with-timeout";
import { logger } from "@/server/log";
import { applyAccessChanges, checkAccessDeletionsConfirmed, recordAppliedAccess } from "./apply-acls";
import { applyConnectorChanges, checkConnectorApply } from "./apply-connectors";
import { applyContractChanges } from "./apply-contracts";
import type { ContractPlanning } from "./plan-contracts";
import { planWithClusterState } from "./compute-plan";
import type { ConnectorPlanning } from "./plan-connectors";

export type RunStatus = "succeeded" | "partial" | "failed" | "no-op";

export interface ApplyOutcome {
  runId: string;
  status: RunStatus;
  results: StepResult[];
  durationMs: number;
  error?: string;
}

const METADATA_WAIT_MS = 15_000;

function unreachable(code: string) {
  return code === "KAFKA_UNREACHABLE" || code === "KAFKA_TIMEOUT";
}

/** Polls metadata until each topic shows with (at least) the expected partition count. */
async function waitForPartitions(admin: Admin, expected: Map<string, number>): Promise<Set<string>> {
  const deadline = Date.now() + METADATA_WAIT_MS;
  let missing = new Set(expected.keys());
  while (missing.size && Date.now() < deadline) {
    try {
      const existing = new Set(await admin.listTopics());
      const present = [...missing].filter((t) => existing.has(t));
      if (present.length) {
        const md = await admin.fetchTopicMetadata({ topics: present });
        for (const t of md.topics) if (t.partitions.length >= (expected.get(t.name) ?? 0) && t.partitions.every((p) => p.leader >= 0)) missing.delete(t.name);
      }
    } catch {
      // The next poll tries again; the deadline bounds it.
    }
    if (missing.size) await new Promise((r) => setTimeout(r, 250));
  }
  missing = new Set(missing);
  return missing;
}

/**
 * Runs a plan's changes one by one. Each step reports done / failed (with Kafka's error) / skipped; a failure
 * does not hide the others' results. When the cluster stops answering, the remaining steps are skipped
 * rather than each waiting for its own timeout.
 */
async function execute(admin: Admin, plan: Plan, desiredConfigs: Map<string, Record<string, string>>): Promise<StepResult[]> {
  const results = new Map<Change, StepResult>();
  let downReason: string | null = null;
  const timeout = kafkaRequestTimeoutMs() + 2000;

  const step = async (changes: Change[], what: string, run: () => Promise<unknown>) => {
    if (downReason) {
      for (const c of changes) results.set(c, { change: c, status: "skipped", message: `Not attempted: ${downReason}` });
      return false;
    }
    try {
      await withTimeout(run(), timeout, what);
      for (const c of changes) results.set(c, { change: c, status: "done" });
      return true;
    } catch (e) {
      const k = classifyKafkaError(e);
      if (unreachable(k.code)) downReason = k.userMessage;
      for (const c of changes) results.set(c, { change: c, status: "failed", message: k.userMessage });
      logger.warn("apply step failed", { what, code: k.code });
      return false;
    }
  };

  const creates = plan.changes.filter((c): c is Extract<Change, { kind: "createTopic" }> => c.kind === "createTopic");
  const expectPartitions = new Map<string, number>();
  for (const c of creates) {
    const topic = { topic: c.topic, numPartitions: c.partitions, replicationFactor: c.replicationFactor, configEntries: Object.entries(c.configs).map(([name, value]) => ({ name, value })) };
    // Kafka checks the whole request first (validate-only), so a bad config fails before anything is created.
    const ok = await step([c], `validating ${c.topic}`, () => admin.createTopics({ validateOnly: true, waitForLeaders: false, topics: [topic] }));
    if (!ok) continue;
    results.delete(c);
    if (await step([c], `creating ${c.topic}`, () => admin.createTopics({ waitForLeaders: false, topics: [topic] }))) expectPartitions.set(c.topic, c.partitions);
  }

  for (const c of plan.changes) {
    if (c.kind !== "addPartitions") continue;
    if (await step([c], `adding partitions to ${c.topic}`, () => admin.createPartitions({ topicPartitions: [{ topic: c.topic, count: c.to }] }))) {
      expectPartitions.set(c.topic, c.to);
    }
  }

  // Metadata must show each created topic and each new partition count before the run counts as done.
  if (expectPartitions.size && !downReason) {
    const late = await waitForPartitions(admin, expectPartitions);
    for (const c of plan.changes) {
      if ((c.kind === "createTopic" || c.kind === "addPartitions") && late.has(c.topic)) {
        results.set(c, { change: c, status: "failed", message: `Not visible in the cluster's metadata within ${METADATA_WAIT_MS / 1000} s` });
      }
    }
  }

  // AlterConfigs (the call kafkajs speaks) replaces a topic's whole set of overrides: sending the design's
  // configs sets the changed keys and removes the overrides the design dropped, in one step per topic.
  const byTopic = new Map<string, Change[]>();
  for (const c of plan.changes) if (c.kind === "setConfig" || c.kind === "removeConfig") byTopic.set(c.topic, [...(byTopic.get(c.topic) ?? []), c]);
  for (const [topic, changes] of byTopic) {
    const desired = desiredConfigs.get(topic) ?? {};
    await step(changes, `configuring ${topic}`, () =>
      admin.alterConfigs({
        validateOnly: false,
        resources: [{ type: 2 /* TOPIC */, name: topic, configEntries: Object.entries(desired).map(([name, value]) => ({ name, value })) }],
      }),
    );
  }

  for (const c of plan.changes) {
    if (c.kind !== "deleteTopic") continue;
    await step([c], `deleting ${c.topic}`, () => admin.deleteTopics({ topics: [c.topic], timeout: 10_000 }));
  }

  return plan.changes.map((c) => results.get(c) ?? { change: c, status: "skipped", message: "Not attempted" });
}

function statusOf(results: StepResult[]): RunStatus {
  if (!results.length) return "no-op";
  const done = results.filter((r) => r.status === "done").length;
  if (done === results.length) return "succeeded";
  return done > 0 ? "partial" : "failed";
}

/**
 * Records the run, with its audit record, in one transaction (and the names topics were applied as), and
 * gives the outcome the apply action returns (which its audit record reads).
 */
async function record(
  data: {
    designId: string;
    designName: string;
    designVersion: number;
    cluster: Cluster;
    principal: Principal;
    status: RunStatus;
    plan: Plan | null;
    results: StepResult[];
    error?: string;
    startedAt: Date;
  },
  alsoWrite?: (tx: Prisma.TransactionClient) => Promise<void>,
): Promise<ApplyOutcome> {
  const durationMs = Date.now() - data.startedAt.getTime();
  return auditedTransaction(async (tx): Promise<ApplyOutcome> => {
    const run = await tx.applyRun.create({
      data: {
        designId: data.designId,
        designName: data.designName,
        designVersion: data.designVersion,
        clusterId: data.cluster.id,
        clusterName: data.cluster.name,
        user: data.principal.name,
        status: data.status,
        plan: JSON.stringify(data.plan),
        results: JSON.stringify(data.results),
        error: data.error ?? null,
        startedAt: data.startedAt,
        durationMs,
      },
    });
    await alsoWrite?.(tx);
    return { runId: run.id, status: data.status, results: data.results, durationMs, error: data.error };
  });
}

/**
 * Applies a design to its bound cluster: re-plans first and refuses when the plan changed since the user saw
 * it, checks typed confirmations for deletions, executes, and records the run (also when the cluster fails).
 * The design itself is never changed.
 */
export async function applyPlan(
  input: { designId: string; clusterId: string; planHash: string; confirmDeletions: string[]; confirmConnectorDeletions?: string[]; confirmPrincipals?: string[] },
  cluster: Cluster,
  principal: Principal,
): Promise<ApplyOutcome> {
  const startedAt = new Date();
  const design = await prisma.design.findUnique({ where: { id: input.designId } });
  if (!design) throw new AppError("NOT_FOUND", { userMessage: "That design does not exist (it may have been deleted)." });
  if (design.clusterId !== cluster.id) {
    throw new AppError("CONFLICT", { userMessage: "The design is now bound to another cluster. Review the plan again." });
  }
  const base = { designId: design.id, designName: design.name, designVersion: design.version, cluster, principal, startedAt };

  let plan: Plan;
  let connectors: ConnectorPlanning | null = null;
  let contracts: ContractPlanning | null = null;
  try {
    const planned = await planWithClusterState(design.id);
    plan = planned.view.plan;
    connectors = planned.connectors;
    contracts = planned.contracts;
  } catch (e) {
    const message = e instanceof AppError ? e.userMessage : classifyKafkaError(e, cluster.bootstrapServers).userMessage;
    return record({ ...base, status: "failed", plan: null, results: [], error: message });
  }
  if (plan.hash !== input.planHash) {
    throw new AppError("CONFLICT", { userMessage: "The cluster or the design changed since this plan was shown. Review the new plan before applying." });
  }
  if (plan.blockingErrors.length) {
    throw new AppError("VALIDATION", { userMessage: `Fix the design's errors first: ${plan.blockingErrors.slice(0, 3).join("; ")}` });
  }
  const unconfirmed = plan.deletions.filter((t) => !input.confirmDeletions.includes(t));
  if (unconfirmed.length) {
    throw new AppError("VALIDATION", { userMessage: `Type the name of each topic to delete to confirm: ${unconfirmed.join(", ")}` });
  }
  checkConnectorApply(plan, input.confirmConnectorDeletions ?? [], connectors, principal);
  checkAccessDeletionsConfirmed(plan, input.confirmPrincipals ?? []);

  const topology = parseTopology(design.topology);
  const desiredConfigs = new Map(topology.nodes.flatMap((n) => (n.kind === "topic" ? [[n.data.name, n.data.configs] as const] : [])));
  let results: StepResult[] = [];
  let error: string | undefined;
  try {
    if (plan.changes.length) {
      const admin = await withTimeout(adminFor(cluster), kafkaRequestTimeoutMs() + 2000, "connecting to Kafka");
      results = await execute(admin, plan, desiredConfigs);
      results = await applyAccessChanges(cluster, plan, results);
      // Contracts after their topics, before connectors (whose converters may read the subjects).
      results = await applyContractChanges(plan, results, contracts);
      results = await applyConnectorChanges(plan, results, connectors);
      forgetTopicMetadata(cluster.id);
    }
  } catch (e) {
    error = classifyKafkaError(e, cluster.bootstrapServers).userMessage;
    results = plan.changes.map((c) => ({ change: c, status: "skipped", message: error }));
  }

  // Remember which name each topic node was applied as, so a later rename is recognised and refused.
  const nowExisting = new Set(
    plan.topics.filter((t) => t.status === "in-sync" || t.status === "update" || results.some((r) => r.status === "done" && "topic" in r.change && r.change.topic === t.topic && r.change.kind !== "deleteTopic")).map((t) => t.topic),
  );
  const rememberNames = async (tx: Prisma.TransactionClient) => {
    await recordAppliedAccess(tx, design.id, cluster.id, plan, results);
    for (const t of plan.topics) {
      if (!nowExisting.has(t.topic)) continue;
      await tx.appliedTopic.upsert({
        where: { designId_nodeId_clusterId: { designId: design.id, nodeId: t.nodeId, clusterId: cluster.id } },
        create: { designId: design.id, nodeId: t.nodeId, clusterId: cluster.id, topicName: t.topic },
        update: { topicName: t.topic },
      });
    }
  };

  const status = error ? "failed" : statusOf(results);
  const outcome = await record({ ...base, status, plan, results, error }, rememberNames);
  logger.info("plan applied", { runId: outcome.runId, designId: design.id, clusterId: cluster.id, status, steps: results.length });
  return outcome;
}
