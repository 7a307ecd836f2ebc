import { RegistryPage } from "@/components/registry/registry-page";
import { ErrorPanel } from "@/components/ui/error-panel";
import { getClusterQuery } from "@/server/clusters/cluster-page-reads";
import { registryStatusQuery } from "@/server/registry/registry-page-reads";

export const dynamic = "force-dynamic";

export default async function SchemaRegistryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    const [cluster, status] = await Promise.all([getClusterQuery({ id }), registryStatusQuery({ id })]);
    return <RegistryPage cluster={cluster} initial={status} />;
  } catch (e) {
    return <ErrorPanel error={e} />;
  }
}
