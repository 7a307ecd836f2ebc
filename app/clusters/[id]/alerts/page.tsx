import { AlertsPanel } from "@/components/alerts/alerts-panel";
import { ErrorPanel } from "@/components/ui/error-panel";
import { getClusterQuery } from "@/server/clusters/cluster-page-reads";

export const dynamic = "force-dynamic";

export default async function ClusterAlertsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    const cluster = await getClusterQuery({ id });
    return <AlertsPanel cluster={cluster} />;
  } catch (e) {
    return <ErrorPanel error={e} />;
  }
}
