import Link from "next/link";
import { ConnectorForm } from "@/components/connect/connector-form";
import { ErrorPanel } from "@/components/ui/error-panel";
import { pluginClassSchema } from "@/lib/connect/connect-schemas";
import { getClusterQuery } from "@/server/clusters/cluster-page-reads";
import { connectClusterViewsQuery } from "@/server/connect/connect-page-reads";

export const dynamic = "force-dynamic";

export default async function NewConnectorPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ plugin?: string; connect?: string }> }) {
  const { id } = await params;
  const { plugin, connect } = await searchParams;
  try {
    const cluster = await getClusterQuery({ id });
    const connectClusters = await connectClusterViewsQuery({ id });
    if (!connectClusters.length) {
      return (
        <div className="banner warn" role="alert">
          This cluster has no Kafka Connect cluster yet. <Link href={`/clusters/${id}/connect`}>Add one first</Link>.
        </div>
      );
    }
    // ?plugin= and ?connect= start the form on a plugin (and Connect cluster), e.g. from a plugin list.
    const connectId = connectClusters.find((c) => c.id === connect)?.id;
    const initialClass = typeof plugin === "string" && pluginClassSchema.safeParse(plugin).success ? plugin : undefined;
    return <ConnectorForm clusterId={cluster.id} clusterName={cluster.name} connectClusters={connectClusters} initialConnectId={connectId} initialClass={initialClass} />;
  } catch (e) {
    return <ErrorPanel error={e} />;
  }
}
