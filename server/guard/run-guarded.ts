import "server-only";
import type { z } from "zod";
import type { Permission, Principal } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { fieldErrorsFromZod, summarizeZodError } from "@/lib/errors/zod-issues";
import type { Cluster } from "@/prisma/generated/client";
import { prisma } from "@/server/db/prisma";
import { authorize } from "./authorize";
import { withPendingAudit, type PendingAudit } from "@/server/audit/audited-transaction";
import { recordAudit, type AuditEntry, type AuditOutcome } from "@/server/audit/record-audit";
import { currentPrincipal, optionalPrincipal } from "./principal";
import { toAppError } from "./to-app-error";

/** What a definition's `clusterId` gives: a cluster's id, or nothing (the operation names none this time). */
export type ClusterKey = string | undefined | null;

/**
 * The handler's cluster, typed from what the definition's `clusterId` gives: always an id gives `Cluster` (the
 * guard refuses with NOT_FOUND when it does not exist), maybe one gives `Cluster | null`, and no `clusterId`
 * (never) gives `null`.
 */
export type ClusterFor<K> = [K] extends [never] ? null : null extends K ? Cluster | null : undefined extends K ? Cluster | null : Cluster;

export interface GuardDefinition<S extends z.ZodType, K extends ClusterKey = ClusterKey, T = unknown> {
  /** For logs: which operation this is. */
  name: string;
  input: S;
  /** What the caller needs; "public" for the few operations anyone may call (sign-in, first-run, health). */
  permission: Permission | "public";
  /**
   * The cluster the operation touches, if any: loaded (NOT_FOUND when missing) and passed to the handler.
   * May look it up (e.g. a design's bound cluster).
   */
  clusterId?: (input: z.output<S>) => K | Promise<K>;
  /** True for operations that change the cluster (topics, offsets, messages): refused on read-only clusters. */
  mutatesCluster?: boolean;
  /**
   * Operations that change something name their audit action (e.g. "topic.create") and what they act on: the
   * guarded path then writes an audit record with the outcome, also when the change failed or was refused.
   */
  audit?: {
    action: string;
    /**
     * What was acted on, looked up before the operation runs (e.g. a design's name where the input has its id:
     * after a delete it is gone). When it gives a text, that is the record's target.
     */
    targetBefore?: (input: z.output<S>) => Promise<string | null | undefined>;
    /** What was acted on; on success it also sees the result (e.g. a user's name where the input has an id). */
    target?: (input: z.output<S>, result?: T) => string | null | undefined;
    /** For operations that report a failure in their result instead of throwing (e.g. an apply whose steps failed). */
    outcome?: (result: T) => { outcome: AuditOutcome; detail?: string | null } | null;
  };
}

export interface GuardContext<K extends ClusterKey = never> {
  /** The caller; for "public" operations, the local principal stand-in `ANONYMOUS` when nobody is signed in. */
  principal: Principal;
  /** The cluster named by `clusterId`, secrets included (see ClusterFor). */
  cluster: ClusterFor<K>;
}

/**
 * The one guarded path under every server action and route handler: validate the input with zod, identify
 * the caller, check the permission, load the cluster and refuse writes to a read-only one, run, and turn
 * whatever is thrown into an AppError whose userMessage is safe to show.
 */
export const ANONYMOUS: Principal = { id: "anonymous", name: "anonymous", local: false, grants: [] };

export async function runGuarded<S extends z.ZodType, K extends ClusterKey, T>(
  def: GuardDefinition<S, K, T>,
  raw: unknown,
  handler: (input: z.output<S>, ctx: GuardContext<K>) => Promise<T>,
  request?: Request,
): Promise<T> {
  let bootstrap: string | undefined;
  let principal: Principal | null = null;
  let cluster: Cluster | null = null;
  let input: z.output<S> | undefined;
  let looked: string | null = null;
  try {
    // Who first: without a session every operation answers 401, whatever its input.
    principal = def.permission === "public" ? ((await optionalPrincipal(request)) ?? ANONYMOUS) : await currentPrincipal(request);
    const parsed = def.input.safeParse(raw);
    if (!parsed.success) {
      throw new AppError("VALIDATION", {
        userMessage: summarizeZodError(parsed.error),
        fieldErrors: fieldErrorsFromZod(parsed.error),
      });
    }
    input = parsed.data;
    const clusterId = (await def.clusterId?.(parsed.data)) ?? null;
    if (def.permission !== "public") await authorize(principal, def.permission, clusterId);

    if (clusterId) {
      cluster = await prisma.cluster.findUnique({ where: { id: clusterId } });
      if (!cluster) throw new AppError("NOT_FOUND", { userMessage: "That cluster does not exist (it may have been removed)." });
      bootstrap = cluster.bootstrapServers;
      if (def.mutatesCluster && cluster.readOnly) {
        throw new AppError("READ_ONLY", {
          message: `${def.name} refused: cluster ${cluster.name} is read-only`,
          userMessage: `Cluster "${cluster.name}" is read-only: changes to it are refused.`,
        });
      }
    }
    // What the definition's type promised: a cluster whenever its key names one (checked above).
    const ctx = { principal, cluster } as GuardContext<K>;
    if (!def.audit) return await handler(parsed.data, ctx);
    looked = (await def.audit.targetBefore?.(parsed.data).catch(() => null)) ?? null;
    // A change to the store writes this record in its own transaction (audited-transaction.ts); any other
    // change (Kafka) is recorded here, after it, with its outcome.
    const who = principal;
    const where = cluster;
    const pending: PendingAudit = {
      committed: false,
      // An audited transaction hands over what the operation returns (audited-transaction.ts).
      entry: (result) => {
        const reported = def.audit!.outcome?.(result as T) ?? null;
        return auditEntry(def, who, where, parsed.data, reported?.outcome ?? "succeeded", reported?.detail ?? null, result as T, looked);
      },
    };
    const result = await withPendingAudit(pending, () => handler(parsed.data, ctx));
    if (!pending.committed) await recordAudit(pending.entry(result));
    return result;
  } catch (e) {
    const err = toAppError(e, def.name, bootstrap);
    if (def.audit && principal && principal !== ANONYMOUS) {
      const refused = err.code === "FORBIDDEN" || err.code === "READ_ONLY" || err.code === "VALIDATION" || err.code === "CONFLICT" || err.code === "NOT_FOUND";
      await recordAudit(auditEntry(def, principal, cluster, input, refused ? "refused" : "failed", err.userMessage, undefined, looked));
    }
    throw err;
  }
}

function auditEntry<S extends z.ZodType, K extends ClusterKey, T>(
  def: GuardDefinition<S, K, T>,
  principal: Principal,
  cluster: Cluster | null,
  input: z.output<S> | undefined,
  outcome: AuditOutcome,
  detail: string | null,
  result?: T,
  looked: string | null = null,
): AuditEntry {
  let target: string | null = null;
  try {
    target = looked ?? (input !== undefined ? (def.audit!.target?.(input, result) ?? null) : null);
  } catch {
    target = null;
  }
  return {
    userId: principal.local ? null : principal.id,
    username: principal.name,
    action: def.audit!.action,
    clusterId: cluster?.id ?? null,
    clusterName: cluster?.name ?? null,
    target,
    outcome,
    detail,
  };
}
