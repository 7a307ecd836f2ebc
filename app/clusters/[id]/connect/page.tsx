import { ConnectPage } from "@/components/connect/connect-page";
import { ErrorPanel } from "@/components/ui/error-panel";
import { getClusterQuery } from "@/server/clusters/cluster-page-reads";

export const dynamic = "force-dynamic";

export default async function ConnectorsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    return <ConnectPage cluster={await getClusterQuery({ id })} />;
  } catch (e) {
    return <ErrorPanel error={e} />;
  }
}
