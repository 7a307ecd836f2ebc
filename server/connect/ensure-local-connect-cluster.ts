import "server-only";
import { localConnectUrl } from "@/server/config";
import { prisma } from "@/server/db/prisma";
import { logger } from "@/server/log";

const SEEDED = "localConnectSeeded";
const LOCAL = "local";

/**
 * On start, gives the cluster "local" the Connect worker named by CONNECT_URL (the one `npm start` runs beside the
 * local broker), as the cluster itself is seeded: once. A user who removes it does not get it back; when the
 * worker moved (another CONNECT_PORT), the entry that was seeded follows it.
 */
export async function ensureLocalConnectCluster(): Promise<void> {
  const url = localConnectUrl();
  if (!url) return;
  const cluster = await prisma.cluster.findUnique({ where: { name: LOCAL } });
  if (!cluster) return;
  const seeded = await prisma.setting.findUnique({ where: { key: SEEDED } });
  if (seeded) {
    const was = parse(seeded.value);
    if (!was || was.url === url) return;
    const moved = await prisma.connectCluster.updateMany({ where: { id: was.id, url: was.url }, data: { url } });
    await prisma.setting.update({ where: { key: SEEDED }, data: { value: JSON.stringify({ id: was.id, url }) } });
    if (moved.count) logger.info("local connect cluster moved", { clusterId: cluster.id, url });
    return;
  }
  const row = await prisma.$transaction(async (tx) => {
    const existing = await tx.connectCluster.findFirst({ where: { clusterId: cluster.id, name: LOCAL } });
    const r = existing ?? (await tx.connectCluster.create({ data: { clusterId: cluster.id, name: LOCAL, url } }));
    await tx.setting.create({ data: { key: SEEDED, value: JSON.stringify({ id: r.id, url: r.url }) } });
    return r;
  });
  logger.info("local connect cluster added", { clusterId: cluster.id, name: row.name, url: row.url });
}

function parse(value: string): { id: string; url: string } | null {
  try {
    const v = JSON.parse(value) as { id?: unknown; url?: unknown };
    return typeof v.id === "string" && typeof v.url === "string" ? { id: v.id, url: v.url } : null;
  } catch {
    return null;
  }
}
