import "server-only";
import type { Layout, Topology } from "@/lib/designs/design-schema";
import { diffTopologies, isEmptyDiff, summarizeDiff } from "@/lib/designs/diff-topologies";
import { AppError } from "@/lib/errors/app-error";
import type { Principal } from "@/lib/auth/permissions";
import { auditedTransaction } from "@/server/audit/audited-transaction";
import { prisma } from "@/server/db/prisma";
import { findDesign, parseTopology } from "./design-records";

export interface SaveResult {
  version: number;
  /** False when the topology did not change (no revision was added). */
  changed: boolean;
  summary: string;
}

function staleError(current: number): AppError {
  return new AppError("CONFLICT", {
    message: `stale design save (now at ${current})`,
    userMessage: `This design was changed in another tab or by someone else (it is now at revision ${current}). Reload to see the newest version.`,
  });
}

/**
 * Saves a new topology as the next revision. The caller names the version it started from; when the design
 * moved on meanwhile, nothing is written and CONFLICT is returned, so two tabs never overwrite each other.
 */
export async function saveTopology(id: string, baseVersion: number, topology: Topology, principal: Principal, summaryOverride?: string): Promise<SaveResult> {
  return auditedTransaction(async (tx) => {
    const current = await tx.design.findUnique({ where: { id } });
    if (!current) throw new AppError("NOT_FOUND", { userMessage: "That design does not exist (it may have been deleted)." });
    if (current.version !== baseVersion) throw staleError(current.version);
    const diff = diffTopologies(parseTopology(current.topology), topology);
    if (isEmptyDiff(diff) && !summaryOverride) return { version: current.version, changed: false, summary: "no changes" };
    const next = current.version + 1;
    // Compare-and-set on the version: a concurrent save that got here first makes this one a conflict.
    const json = JSON.stringify(topology);
    const updated = await tx.design.updateMany({ where: { id, version: baseVersion }, data: { topology: json, version: next } });
    if (updated.count !== 1) throw staleError(next);
    const summary = summaryOverride ?? summarizeDiff(diff);
    await tx.designRevision.create({ data: { designId: id, number: next, topology: json, summary, createdBy: principal.name } });
    return { version: next, changed: true, summary };
  });
}

/** Saves node positions only: no revision, no version check (the last layout wins). */
export async function saveLayout(id: string, layout: Layout): Promise<{ ok: true }> {
  await findDesign(id);
  await auditedTransaction((tx) => tx.design.update({ where: { id }, data: { layout: JSON.stringify(layout) } }));
  return { ok: true };
}
