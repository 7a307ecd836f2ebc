import Link from "next/link";
import { GroupList } from "@/components/groups/group-list";
import { ErrorPanel } from "@/components/ui/error-panel";
import { getClusterQuery } from "@/server/clusters/cluster-queries";

export const dynamic = "force-dynamic";

export default async function GroupsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    const cluster = await getClusterQuery({ id });
    return (
      <div>
        <p className="small">
          <Link href={`/clusters/${cluster.id}`}>{cluster.name}</Link> › Consumer groups
        </p>
        <h1>Consumer groups</h1>
        <GroupList clusterId={cluster.id} />
      </div>
    );
  } catch (e) {
    return <ErrorPanel error={e} />;
  }
}
