import { ClusterOverviewPanel } from "@/components/clusters/cluster-overview";
import { ErrorPanel } from "@/components/ui/error-panel";
import { getClusterQuery } from "@/server/clusters/cluster-queries";

export const dynamic = "force-dynamic";

export default async function ClusterPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    const cluster = await getClusterQuery({ id });
    return <ClusterOverviewPanel cluster={cluster} />;
  } catch (e) {
    return <ErrorPanel error={e} />;
  }
}
