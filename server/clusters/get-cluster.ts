import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { prisma } from "@/server/db/prisma";

/** The stored cluster, secrets included (server only), or a NOT_FOUND error. */
export async function getCluster(id: string) {
  const cluster = await prisma.cluster.findUnique({ where: { id } });
  if (!cluster) throw new AppError("NOT_FOUND", { userMessage: "That cluster does not exist (it may have been removed)." });
  return cluster;
}
