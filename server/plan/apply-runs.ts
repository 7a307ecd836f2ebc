import "server-only";
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

export async function listApplyRuns(filter: { designId?: string } = {}): Promise<ApplyRunSummary[]> {
  const rows = await prisma.applyRun.findMany({ where: filter.designId ? { designId: filter.designId } : {}, orderBy: { startedAt: "desc" }, take: 200 });
  return rows.map(summary);
}

export async function getApplyRun(id: string): Promise<ApplyRunView> {
  const r = await prisma.applyRun.findUnique({ where: { id } });
  if (!r) throw new AppError("NOT_FOUND", { userMessage: "That apply record does not exist." });
  return { ...summary(r), plan: JSON.parse(r.plan) as Plan | null, results: JSON.parse(r.results) as StepResult[] };
}
