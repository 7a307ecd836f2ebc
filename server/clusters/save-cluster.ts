import "server-only";
import type { ClusterValues, ClusterView } from "@/lib/clusters/cluster-schema";
import { AppError } from "@/lib/errors/app-error";
import { prisma } from "@/server/db/prisma";
import { disposeClient } from "@/server/kafka/client-registry";
import { logger } from "@/server/log";
import { toClusterView, toConnection } from "./cluster-view";
import { connectionFields } from "./connection-fields";

async function assertNameFree(name: string, exceptId?: string) {
  const clash = await prisma.cluster.findFirst({ where: { name, ...(exceptId ? { NOT: { id: exceptId } } : {}) } });
  if (clash) {
    throw new AppError("CONFLICT", {
      userMessage: `A cluster named "${name}" already exists`,
      fieldErrors: { name: `A cluster named "${name}" already exists` },
    });
  }
}

export async function createCluster(values: ClusterValues): Promise<ClusterView> {
  await assertNameFree(values.name);
  const row = await prisma.cluster.create({
    data: { name: values.name, readOnly: values.readOnly, ...connectionFields(values.connection) },
  });
  logger.info("cluster created", { clusterId: row.id, name: row.name });
  return toClusterView(row);
}

export async function updateCluster(id: string, values: ClusterValues): Promise<ClusterView> {
  const previous = await prisma.cluster.findUnique({ where: { id } });
  if (!previous) throw new AppError("NOT_FOUND", { userMessage: "That cluster does not exist (it may have been removed)." });
  await assertNameFree(values.name, id);
  const row = await prisma.cluster.update({
    where: { id },
    data: { name: values.name, readOnly: values.readOnly, ...connectionFields(values.connection, toConnection(previous)) },
  });
  // The shared client holds the old settings: close it; the next request builds one with the new ones.
  await disposeClient(id);
  logger.info("cluster updated", { clusterId: id, name: row.name });
  return toClusterView(row);
}

/** Removes the cluster's entry from Topiary only: nothing in Kafka is touched. */
export async function deleteCluster(id: string): Promise<{ id: string }> {
  const found = await prisma.cluster.findUnique({ where: { id } });
  if (!found) throw new AppError("NOT_FOUND", { userMessage: "That cluster does not exist (it may have been removed)." });
  await prisma.cluster.delete({ where: { id } });
  await disposeClient(id);
  logger.info("cluster removed", { clusterId: id, name: found.name });
  return { id };
}
