import { ConnectorForm } from "@/components/connect/connector-form";
import { ErrorPanel } from "@/components/ui/error-panel";
import { getClusterQuery } from "@/server/clusters/cluster-page-reads";
import { connectClusterViewsQuery, connectorForEditQuery } from "@/server/connect/connect-page-reads";

export const dynamic = "force-dynamic";

export default async function EditConnectorPage({ params }: { params: Promise<{ id: string; connectId: string; name: string }> }) {
  const { id, connectId, name } = await params;
  try {
    const cluster = await getClusterQuery({ id });
    const [connectClusters, existing] = await Promise.all([connectClusterViewsQuery({ id }), connectorForEditQuery({ id, connectId, name })]);
    return <ConnectorForm clusterId={cluster.id} clusterName={cluster.name} connectClusters={connectClusters} existing={existing} />;
  } catch (e) {
    return <ErrorPanel error={e} />;
  }
}
