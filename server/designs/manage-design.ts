import "server-only";
import { can, type Principal } from "@/lib/auth/permissions";
import type { DesignSummary, DesignView } from "@/lib/designs/design-views";
import { AppError } from "@/lib/errors/app-error";
import { auditedTransaction } from "@/server/audit/audited-transaction";
import { prisma } from "@/server/db/prisma";
import { findDesign, toDesignSummary, toDesignView } from "./design-records";

/** The designs the principal may read: unbound ones, and those bound to a cluster they hold a role on. */
export async function listDesigns(principal: Principal): Promise<DesignSummary[]> {
  const rows = await prisma.design.findMany({ orderBy: { updatedAt: "desc" }, include: { cluster: { select: { name: true } } } });
  return rows.filter((d) => !d.clusterId || can(principal, "designs:read", d.clusterId)).map(toDesignSummary);
}

export async function getDesign(id: string): Promise<DesignView> {
  return toDesignView(await findDesign(id));
}

export async function renameDesign(id: string, name: string): Promise<DesignSummary> {
  await findDesign(id);
  await auditedTransaction((tx) => tx.design.update({ where: { id }, data: { name } }));
  return toDesignSummary(await findDesign(id));
}

/** A new design with the same topology and layout; its history starts afresh. */
export async function duplicateDesign(id: string, name: string | undefined, principal: Principal): Promise<DesignSummary> {
  const src = await findDesign(id);
  const copy = await auditedTransaction(async (tx) => {
    const d = await tx.design.create({
      data: { name: name ?? `${src.name} (copy)`, clusterId: src.clusterId, topology: src.topology, layout: src.layout, version: 1 },
    });
    await tx.designRevision.create({
      data: { designId: d.id, number: 1, topology: src.topology, summary: `Duplicated from "${src.name}" revision ${src.version}`, createdBy: principal.name },
    });
    return d;
  });
  return toDesignSummary(await findDesign(copy.id));
}

/** Deletes a design and its history, only when its name is typed back. Nothing in Kafka is touched. */
export async function deleteDesign(id: string, confirmName: string): Promise<{ id: string }> {
  const d = await findDesign(id);
  if (d.name !== confirmName) {
    throw new AppError("VALIDATION", {
      userMessage: `Type the design's name ("${d.name}") to confirm`,
      fieldErrors: { confirmName: "Does not match the design's name" },
    });
  }
  await auditedTransaction((tx) => tx.design.delete({ where: { id } }));
  return { id };
}

export async function bindDesign(id: string, clusterId: string | null): Promise<DesignView> {
  await findDesign(id);
  if (clusterId && !(await prisma.cluster.findUnique({ where: { id: clusterId } }))) {
    throw new AppError("NOT_FOUND", { userMessage: "That cluster does not exist (it may have been removed)." });
  }
  await auditedTransaction((tx) => tx.design.update({ where: { id }, data: { clusterId } }));
  return getDesign(id);
}
