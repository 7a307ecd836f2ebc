import "server-only";
import { can, type Principal } from "@/lib/auth/permissions";
import type { ApplyRunSummary, ApplyRunView, Plan, StepResult } from "@/lib/plan/plan-types";
import { AppError } from "@/lib/errors/app-error";
import { prisma } from "@/server/db/prisma";


function summary(r: { id: string; designId: string | null; designName: string; designVersion: number; clusterId: string | null; clusterName: string; user: string; status: string; startedAt: Date; durationMs: number; results: string; error: string | null }): ApplyRunSummary {
  const results = JSON.parse(r.results) as StepResult[];
  return {
    id: r.id,
    designId: r.designId,
    designName: r.designName,
    designVersion: r.designVersion,
    clusterId: r.clusterId,
    clusterName: r.clusterName,
    user: r.user,
    status: r.status,
    startedAt: r.startedAt.toISOString(),
    durationMs: r.durationMs,
    steps: results.length,
    failed: results.filter((x) => x.status === "failed").length,
    error: r.error,
  };
}

/** Apply records the principal may read: those of clusters they hold a role on (and of removed clusters: none). */
export async function listApplyRuns(filter: { designId?: string }, principal: Principal): Promise<ApplyRunSummary[]> {
  const rows = await prisma.applyRun.findMany({ where: filter.designId ? { designId: filter.designId } : {}, orderBy: { startedAt: "desc" }, take: 200 });
  return rows.filter((r) => readable(principal, r.clusterId)).map(summary);
}

const readable = (p: Principal, clusterId: string | null) => (clusterId ? can(p, "designs:read", clusterId) : can(p, "audit:read", null));

export async function getApplyRun(id: string, principal: Principal): Promise<ApplyRunView> {
  const r = await prisma.applyRun.findUnique({ where: { id } });
  if (!r || !readable(principal, r.clusterId)) throw new AppError("NOT_FOUND", { userMessage: "That apply record does not exist." });
  return { ...summary(r), plan: JSON.parse(r.plan) as Plan | null, results: JSON.parse(r.results) as StepResult[] };
}
