import { AddClusterLink } from "@/components/clusters/add-cluster-link";
import { ClusterList } from "@/components/clusters/cluster-list";
import { ErrorPanel } from "@/components/ui/error-panel";
import { listClustersQuery } from "@/server/clusters/cluster-page-reads";

export const dynamic = "force-dynamic";

export default async function ClustersPage() {
  let clusters;
  try {
    clusters = await listClustersQuery({});
  } catch (e) {
    return <ErrorPanel error={e} />;
  }
  return (
    <>
      <div className="page-head">
        <h1>Clusters</h1>
        <AddClusterLink />
      </div>
      <ClusterList initialClusters={clusters} />
    </>
  );
}
