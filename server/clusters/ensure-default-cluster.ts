import "server-only";
import { prisma } from "@/server/db/prisma";
import { defaultClusterBootstrap } from "@/server/config";
import { logger } from "@/server/log";

const SEEDED = "defaultClusterSeeded";

/**
 * On first start, adds the cluster "local" for the local broker (or KAFKA_BROKERS). Only once: a user who
 * removes it does not get it back on the next start.
 */
export async function ensureDefaultCluster(): Promise<void> {
  const seeded = await prisma.setting.findUnique({ where: { key: SEEDED } });
  if (seeded) return;
  const bootstrapServers = defaultClusterBootstrap();
  await prisma.$transaction(async (tx) => {
    const exists = await tx.cluster.findUnique({ where: { name: "local" } });
    if (!exists) await tx.cluster.create({ data: { name: "local", bootstrapServers } });
    await tx.setting.create({ data: { key: SEEDED, value: new Date().toISOString() } });
  });
  logger.info("default cluster added", { name: "local", bootstrapServers });
}
