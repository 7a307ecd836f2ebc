import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { DesignHead } from "@/lib/designs/design-views";
import { prisma } from "@/server/db/prisma";

/**
 * The newest saved version of a design, read from the store: what an open designer polls to learn of a save made
 * in another tab or through another console instance (one small row, no topology).
 */
export async function designHead(id: string): Promise<DesignHead> {
  const d = await prisma.design.findUnique({ where: { id }, select: { version: true, updatedAt: true } });
  if (!d) throw new AppError("NOT_FOUND", { userMessage: "That design does not exist (it may have been deleted)." });
  return { id, version: d.version, updatedAt: d.updatedAt.toISOString() };
}
