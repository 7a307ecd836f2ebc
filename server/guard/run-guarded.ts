import "server-only";
import type { z } from "zod";
import type { Permission, Principal } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";
import { fieldErrorsFromZod, summarizeZodError } from "@/lib/errors/zod-issues";
import type { Cluster } from "@/prisma/generated/client";
import { prisma } from "@/server/db/prisma";
import { authorize } from "./authorize";
import { currentPrincipal } from "./principal";
import { toAppError } from "./to-app-error";

export interface GuardDefinition<S extends z.ZodType> {
  /** For logs: which operation this is. */
  name: string;
  input: S;
  permission: Permission;
  /**
   * The cluster the operation touches, if any: loaded (NOT_FOUND when missing) and passed to the handler.
   * May look it up (e.g. a design's bound cluster).
   */
  clusterId?: (input: z.output<S>) => string | undefined | null | Promise<string | undefined | null>;
  /** True for operations that change the cluster (topics, offsets, messages): refused on read-only clusters. */
  mutatesCluster?: boolean;
}

export interface GuardContext {
  principal: Principal;
  /** The cluster named by `clusterId`, secrets included; null when the operation names none. */
  cluster: Cluster | null;
}

/**
 * The one guarded path under every server action and route handler: validate the input with zod, identify
 * the caller, check the permission, load the cluster and refuse writes to a read-only one, run, and turn
 * whatever is thrown into an AppError whose userMessage is safe to show.
 */
export async function runGuarded<S extends z.ZodType, T>(
  def: GuardDefinition<S>,
  raw: unknown,
  handler: (input: z.output<S>, ctx: GuardContext) => Promise<T>,
): Promise<T> {
  let bootstrap: string | undefined;
  try {
    const parsed = def.input.safeParse(raw);
    if (!parsed.success) {
      throw new AppError("VALIDATION", {
        userMessage: summarizeZodError(parsed.error),
        fieldErrors: fieldErrorsFromZod(parsed.error),
      });
    }
    const input = parsed.data;
    const principal = await currentPrincipal();
    const clusterId = (await def.clusterId?.(input)) ?? null;
    await authorize(principal, def.permission, clusterId);

    let cluster: Cluster | null = null;
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
    return await handler(input, { principal, cluster });
  } catch (e) {
    throw toAppError(e, def.name, bootstrap);
  }
}
