import { SubjectPage } from "@/components/registry/subject-page";
import { ErrorPanel } from "@/components/ui/error-panel";
import { getClusterQuery } from "@/server/clusters/cluster-page-reads";
import { registryStatusQuery } from "@/server/registry/registry-page-reads";

export const dynamic = "force-dynamic";

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export default async function SchemaSubjectPage({ params }: { params: Promise<{ id: string; subject: string }> }) {
  const { id, subject } = await params;
  try {
    // The status read checks registry:read on the cluster before the page renders.
    const [cluster] = await Promise.all([getClusterQuery({ id }), registryStatusQuery({ id })]);
    return <SubjectPage cluster={cluster} subject={decodeSegment(subject)} />;
  } catch (e) {
    return <ErrorPanel error={e} />;
  }
}
