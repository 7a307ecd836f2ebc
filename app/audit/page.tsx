import { AuditLog } from "@/components/audit/audit-log";
import { ErrorPanel } from "@/components/ui/error-panel";
import { filtersFromSearchParams } from "@/lib/audit/audit-query";
import { auditFacetsDef } from "@/server/audit/audit-page-reads";
import { listAuditFacets } from "@/server/audit/list-audit-facets";
import { guardedQuery } from "@/server/guard/guarded-query";

export const dynamic = "force-dynamic";
const loadFacets = guardedQuery(auditFacetsDef, () => listAuditFacets());

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  try {
    const facets = await loadFacets({});
    return (
      <>
        <h1>Audit</h1>
        <p className="muted">Every change made through Topiary — who, when, on which cluster, to what, and how it ended — including refused and failed ones.</p>
        <AuditLog facets={facets} initial={filtersFromSearchParams(await searchParams)} />
      </>
    );
  } catch (e) {
    return <ErrorPanel error={e} />;
  }
}
