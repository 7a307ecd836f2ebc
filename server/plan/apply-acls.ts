import "server-only";
import { bindingKey } from "@/lib/acls/acl-model";
import { quotaEntityKey } from "@/lib/acls/client-quotas";
import { principalsToConfirm, recordAfterApply, storedBindingKey, type AccessChange } from "@/lib/acls/plan-access";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { classifyKafkaError } from "@/lib/kafka/classify-kafka-error";
import type { Change, Plan, StepResult } from "@/lib/plan/plan-types";
import type { Cluster, Prisma } from "@/prisma/generated/client";
import { createAndDeleteBindings } from "@/server/acls/change-acl-bindings";
import { setClientQuotas } from "@/server/acls/set-client-quotas";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { withTimeout } from "@/server/kafka/with-timeout";
import { logger } from "@/server/log";
import { recordedAccess } from "./plan-acls";

// Applying a plan's bindings and quotas (issue 13, items 5 and 6), after its topics: creations in one
// CreateAcls, each quota entity in one AlterClientQuotas, deletions (only bindings this design created, each by
// an exact filter) in one DeleteAcls. Creating a binding that exists and deleting one that is gone change
// nothing, so a step run twice is harmless. What was done is recorded with the run (recordAppliedAccess).

const isAccess = (c: Change): c is AccessChange => c.kind === "createAcl" || c.kind === "deleteAcl" || c.kind === "setQuota";

/** Refuses (before anything is done) when a principal whose bindings the plan deletes was not typed back. */
export function checkAccessDeletionsConfirmed(plan: Plan, typed: readonly string[]): void {
  const unconfirmed = principalsToConfirm(plan).filter((p) => !typed.includes(p));
  if (unconfirmed.length) throw new AppError("VALIDATION", { userMessage: `Type each principal whose bindings apply deletes to confirm: ${unconfirmed.join(", ")}` });
}

/** The plan's access changes run; the other results are returned as they came. */
export async function applyAccessChanges(cluster: Cluster, plan: Plan, results: StepResult[]): Promise<StepResult[]> {
  const changes = plan.changes.filter(isAccess);
  if (!changes.length) return results;
  const out = new Map<Change, StepResult>();
  const timeout = kafkaRequestTimeoutMs() * 2 + 5000;
  const step = async (batch: AccessChange[], what: string, run: () => Promise<unknown>) => {
    if (!batch.length) return;
    try {
      await withTimeout(run(), timeout, what);
      for (const c of batch) out.set(c, { change: c, status: "done" });
    } catch (e) {
      const message = isAppError(e) ? e.userMessage : classifyKafkaError(e, cluster.bootstrapServers).userMessage;
      logger.warn("apply step failed", { what, clusterId: cluster.id, message });
      for (const c of batch) out.set(c, { change: c, status: "failed", message });
    }
  };
  const creates = changes.filter((c) => c.kind === "createAcl");
  const deletes = changes.filter((c) => c.kind === "deleteAcl");
  await step(creates, "creating ACL bindings", () => createAndDeleteBindings(cluster, creates.map((c) => c.binding), []));
  for (const c of changes) {
    if (c.kind !== "setQuota") continue;
    await step([c], "setting client quotas", () => setClientQuotas(cluster, { clusterId: cluster.id, entity: c.entity, set: c.set, remove: c.remove }));
  }
  await step(deletes, "deleting ACL bindings", () => createAndDeleteBindings(cluster, [], deletes.map((c) => c.binding)));
  return results.map((r) => out.get(r.change) ?? r);
}

/** Remembers, in the apply's transaction, which bindings and quota keys are now this design's on the cluster. */
export async function recordAppliedAccess(tx: Prisma.TransactionClient, designId: string, clusterId: string, plan: Plan, results: StepResult[]): Promise<void> {
  if (!plan.access) return;
  const done = new Set(results.filter((r) => r.status === "done").map((r) => r.change));
  const before = await recordedAccess(designId, clusterId, tx);
  const after = recordAfterApply(plan.access, before, (c) => done.has(c));
  const unique = new Map(after.mine.map((b) => [bindingKey(b), b]));
  await tx.designAclBinding.deleteMany({ where: { designId, clusterId } });
  if (unique.size) {
    await tx.designAclBinding.createMany({ data: [...unique.values()].map((b) => ({ designId, clusterId, bindingKey: storedBindingKey(b), ...b })) });
  }
  await tx.designClientQuota.deleteMany({ where: { designId, clusterId } });
  if (after.quotas.length) {
    await tx.designClientQuota.createMany({
      data: after.quotas.map((q) => ({ designId, clusterId, entityKey: quotaEntityKey(q.entity), entity: JSON.stringify(q.entity), values: JSON.stringify(q.values) })),
    });
  }
}
