"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ActionFailedError, unwrap } from "@/lib/errors/action-result";
import type { ApplyRunSummary, ApplyRunView, PlanView } from "@/lib/plan/plan-types";
import { applyPlanAction } from "@/server/actions/plan-actions";
import { designKeys } from "@/components/designer/design-queries";
import { fetchJson } from "@/components/ui/fetch-json";

export const planKeys = {
  all: ["plans"] as const,
  /** The plan of a design against its bound cluster. */
  plan: (designId: string) => [...planKeys.all, "plan", designId] as const,
  runs: () => [...planKeys.all, "runs"] as const,
  run: (id: string) => [...planKeys.all, "run", id] as const,
};

type ApplyPlanInput = Parameters<typeof applyPlanAction>[0];

/** Reads the cluster and plans the design against it. Planned again on request, not on window focus. */
export function usePlanQuery(designId: string) {
  return useQuery({
    queryKey: planKeys.plan(designId),
    queryFn: ({ signal }) => fetchJson<PlanView>(`/api/designs/${designId}/plan`, signal),
    refetchOnWindowFocus: false,
  });
}

/** Every apply, newest first. `initialData`: the server-rendered list. */
export function useApplyRunsQuery(initialData?: ApplyRunSummary[]) {
  return useQuery({ queryKey: planKeys.runs(), queryFn: ({ signal }) => fetchJson<ApplyRunSummary[]>("/api/applies", signal), initialData });
}

export function useApplyRunQuery(id: string, initialData?: ApplyRunView) {
  return useQuery({ queryKey: planKeys.run(id), queryFn: ({ signal }) => fetchJson<ApplyRunView>(`/api/applies/${id}`, signal), initialData });
}

/**
 * Applies the plan the user saw. Afterwards the cluster has changed: the plan, the design's drift and the list
 * of applies are read again. A CONFLICT (the cluster or design changed since the plan was read) plans again.
 */
export function useApplyPlanMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: ApplyPlanInput) => unwrap(await applyPlanAction(input)),
    onSuccess: (_, input) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: designKeys.drifts(input.designId) }),
        qc.invalidateQueries({ queryKey: planKeys.plan(input.designId) }),
        qc.invalidateQueries({ queryKey: planKeys.runs() }),
      ]),
    onError: (e, input) => {
      if (e instanceof ActionFailedError && e.code === "CONFLICT") void qc.invalidateQueries({ queryKey: planKeys.plan(input.designId) });
    },
  });
}

/** What an apply answers: its run, its status and each step's result. */
export type ApplyOutcome = NonNullable<ReturnType<typeof useApplyPlanMutation>["data"]>;
