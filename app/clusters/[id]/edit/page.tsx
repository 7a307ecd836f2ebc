import { ClusterForm } from "@/components/clusters/cluster-form";
import { ErrorPanel } from "@/components/ui/error-panel";
import { getClusterQuery } from "@/server/clusters/cluster-page-reads";

export const dynamic = "force-dynamic";

export default async function EditClusterPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  let cluster;
  try {
    cluster = await getClusterQuery({ id });
  } catch (e) {
    return <ErrorPanel error={e} />;
  }
  return (
    <>
      <h1>Edit {cluster.name}</h1>
      <ClusterForm cluster={cluster} />
    </>
  );
}
