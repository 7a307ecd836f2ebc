import "server-only";
import { prisma } from "@/server/db/prisma";

/**
 * The cluster a design is bound to, for the guarded path: roles are per cluster, so changing a design bound to
 * "prod" needs the role on "prod". An unbound (or missing) design names no cluster.
 */
export async function boundClusterOf(designId: string): Promise<string | undefined> {
  const d = await prisma.design.findUnique({ where: { id: designId }, select: { clusterId: true } });
  return d?.clusterId ?? undefined;
}

/** A design's name, for its audit records; null when there is no such design. */
export async function designName(designId: string): Promise<string | null> {
  return (await prisma.design.findUnique({ where: { id: designId }, select: { name: true } }))?.name ?? null;
}
