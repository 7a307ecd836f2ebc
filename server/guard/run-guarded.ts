import "server-only";
import type { z } from "zod";
import type { Permission, Principal } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { fieldErrorsFromZod, summarizeZodError } from "@/lib/errors/zod-issues";
import type { Cluster } from "@/prisma/generated/client";
import { prisma } from "@/server/db/prisma";
import { authorize } from "./authorize";
import { recordAudit, type AuditOutcome } from "@/server/audit/record-audit";
import { currentPrincipal, optionalPrincipal } from "./principal";
import { toAppError } from "./to-app-error";

export interface GuardDefinition<S extends z.ZodType> {
  /** For logs: which operation this is. */
  name: string;
  input: S;
  /** What the caller needs; "public" for the few operations anyone may call (sign-in, first-run, health). */
  permission: Permission | "public";
  /**
   * The cluster the operation touches, if any: loaded (NOT_FOUND when missing) and passed to the handler.
   * May look it up (e.g. a design's bound cluster).
   */
  clusterId?: (input: z.output<S>) => string | undefined | null | Promise<string | undefined | null>;
  /** True for operations that change the cluster (topics, offsets, messages): refused on read-only clusters. */
  mutatesCluster?: boolean;
  /**
   * Operations that change something name their audit action (e.g. "topic.create") and what they act on: the
   * guarded path then writes an audit record with the outcome, also when the change failed or was refused.
   */
  audit?: {
    action: string;
    /** What was acted on; on success it also sees the result (e.g. a user's name where the input has an id). */
    target?: (input: z.output<S>, result?: unknown) => string | null | undefined;
    /** For operations that report a failure in their result instead of throwing (e.g. an apply whose steps failed). */
    outcome?: (result: unknown) => { outcome: AuditOutcome; detail?: string | null } | null;
  };
}

export interface GuardContext {
  /** The caller; for "public" operations, the local principal stand-in `ANONYMOUS` when nobody is signed in. */
  principal: Principal;
  /** The cluster named by `clusterId`, secrets included; null when the operation names none. */
  cluster: Cluster | null;
}

/**
 * The one guarded path under every server action and route handler: validate the input with zod, identify
 * the caller, check the permission, load the cluster and refuse writes to a read-only one, run, and turn
 * whatever is thrown into an AppError whose userMessage is safe to show.
 */
export const ANONYMOUS: Principal = { id: "anonymous", name: "anonymous", local: false, grants: [] };

export async function runGuarded<S extends z.ZodType, T>(
  def: GuardDefinition<S>,
  raw: unknown,
  handler: (input: z.output<S>, ctx: GuardContext) => Promise<T>,
  request?: Request,
): Promise<T> {
  let bootstrap: string | undefined;
  let principal: Principal | null = null;
  let cluster: Cluster | null = null;
  let input: z.output<S> | undefined;
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
    const result = await handler(parsed.data, { principal, cluster });
    if (def.audit) {
      const reported = def.audit.outcome?.(result) ?? null;
      await audit(def, principal, cluster, input, reported?.outcome ?? "succeeded", reported?.detail ?? null, result);
    }
    return result;
  } catch (e) {
    const err = toAppError(e, def.name, bootstrap);
    if (def.audit && principal && principal !== ANONYMOUS) {
      const refused = err.code === "FORBIDDEN" || err.code === "READ_ONLY" || err.code === "VALIDATION" || err.code === "CONFLICT" || err.code === "NOT_FOUND";
      await audit(def, principal, cluster, input, refused ? "refused" : "failed", err.userMessage);
    }
    throw err;
  }
}

async function audit<S extends z.ZodType>(
  def: GuardDefinition<S>,
  principal: Principal,
  cluster: Cluster | null,
  input: z.output<S> | undefined,
  outcome: AuditOutcome,
  detail: string | null,
  result?: unknown,
) {
  let target: string | null = null;
  try {
    target = input !== undefined ? (def.audit!.target?.(input, result) ?? null) : null;
  } catch {
    target = null;
  }
  await recordAudit({
    userId: principal.local ? null : principal.id,
    username: principal.name,
    action: def.audit!.action,
    clusterId: cluster?.id ?? null,
    clusterName: cluster?.name ?? null,
    target,
    outcome,
    detail,
  });
}
