import { ApplyRunsTable } from "@/components/plan/apply-runs";
import { ErrorPanel } from "@/components/ui/error-panel";
import { guardedQuery } from "@/server/guard/guarded-query";
import { listApplyRuns } from "@/server/plan/apply-runs";
import { applyRunsDef } from "@/server/plan/plan-page-reads";

export const dynamic = "force-dynamic";
const listRuns = guardedQuery(applyRunsDef, (input, { principal }) => listApplyRuns(input, principal));

export default async function AppliesPage() {
  try {
    const runs = await listRuns({});
    return (
      <>
        <h1>Applies</h1>
        <p className="muted">Every plan applied to a cluster: who, when, what, and each step&apos;s result.</p>
        <div className="card">
          <ApplyRunsTable runs={runs} />
        </div>
      </>
    );
  } catch (e) {
    return <ErrorPanel error={e} />;
  }
}
