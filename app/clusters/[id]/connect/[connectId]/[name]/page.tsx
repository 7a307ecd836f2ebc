import { ConnectorDetailPanel } from "@/components/connect/connector-detail";
import { ErrorPanel } from "@/components/ui/error-panel";
import { connectorParamSchema } from "@/lib/connect/connect-schemas";
import { getClusterQuery } from "@/server/clusters/cluster-page-reads";

export const dynamic = "force-dynamic";

export default async function ConnectorPage({ params }: { params: Promise<{ id: string; connectId: string; name: string }> }) {
  const { id, connectId, name: segment } = await params;
  try {
    const cluster = await getClusterQuery({ id });
    const name = connectorParamSchema.safeParse(segment);
    if (!name.success) {
      return (
        <div className="banner error" role="alert">
          Not a connector name: {name.error.issues[0].message}.
        </div>
      );
    }
    return <ConnectorDetailPanel clusterId={cluster.id} clusterName={cluster.name} readOnly={cluster.readOnly} connectId={connectId} name={name.data} />;
  } catch (e) {
    return <ErrorPanel error={e} />;
  }
}
