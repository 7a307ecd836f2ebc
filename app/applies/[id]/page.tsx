import { ApplyRunDetail } from "@/components/plan/apply-runs";
import { ErrorPanel } from "@/components/ui/error-panel";
import { guardedQuery } from "@/server/guard/guarded-query";
import { getApplyRun } from "@/server/plan/apply-runs";
import { applyRunDef } from "@/server/plan/plan-page-reads";

export const dynamic = "force-dynamic";
const getRun = guardedQuery(applyRunDef, ({ id }, { principal }) => getApplyRun(id, principal));

export default async function ApplyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    return <ApplyRunDetail run={await getRun({ id })} />;
  } catch (e) {
    return <ErrorPanel error={e} />;
  }
}
