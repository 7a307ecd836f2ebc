import { AccessPanel } from "@/components/acls/access-panel";
import { ErrorPanel } from "@/components/ui/error-panel";
import { getClusterQuery } from "@/server/clusters/cluster-page-reads";

export const dynamic = "force-dynamic";

export default async function ClusterAccessPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ tab?: string }> }) {
  const { id } = await params;
  const { tab } = await searchParams;
  try {
    const cluster = await getClusterQuery({ id });
    return <AccessPanel cluster={cluster} initialTab={tab} />;
  } catch (e) {
    return <ErrorPanel error={e} />;
  }
}
