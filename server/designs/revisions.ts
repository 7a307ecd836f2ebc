import "server-only";
import type { RevisionComparison, RevisionSummary, RevisionView } from "@/lib/designs/design-views";
import { diffTopologies } from "@/lib/designs/diff-topologies";
import { AppError } from "@/lib/errors/app-error";
import type { Principal } from "@/lib/auth/permissions";
import { prisma } from "@/server/db/prisma";
import { findDesign, parseTopology } from "./design-records";
import { saveTopology, type SaveResult } from "./save-design";

export async function listRevisions(designId: string): Promise<RevisionSummary[]> {
  await findDesign(designId);
  const rows = await prisma.designRevision.findMany({
    where: { designId },
    orderBy: { number: "desc" },
    select: { number: true, summary: true, createdBy: true, createdAt: true },
    take: 500,
  });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

export async function getRevision(designId: string, number: number): Promise<RevisionView> {
  const r = await prisma.designRevision.findUnique({ where: { designId_number: { designId, number } } });
  if (!r) throw new AppError("NOT_FOUND", { userMessage: `Revision ${number} of this design does not exist.` });
  return { number: r.number, summary: r.summary, createdBy: r.createdBy, createdAt: r.createdAt.toISOString(), topology: parseTopology(r.topology) };
}

export async function compareRevisions(designId: string, from: number, to: number): Promise<RevisionComparison> {
  const [a, b] = await Promise.all([getRevision(designId, from), getRevision(designId, to)]);
  return { from, to, diff: diffTopologies(a.topology, b.topology) };
}

/** Makes an older revision the newest one again (as a new revision: history is never rewritten). */
export async function restoreRevision(designId: string, number: number, baseVersion: number, principal: Principal): Promise<SaveResult> {
  const r = await getRevision(designId, number);
  return saveTopology(designId, baseVersion, r.topology, principal, `Restored revision ${number}`);
}
