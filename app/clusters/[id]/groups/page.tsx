import Link from "next/link";
import { GroupList } from "@/components/groups/group-list";
import { ErrorPanel } from "@/components/ui/error-panel";
import { getClusterQuery } from "@/server/clusters/cluster-page-reads";
import { firstGroupPageQuery } from "@/server/groups/group-page-reads";

export const dynamic = "force-dynamic";

export default async function GroupsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    const cluster = await getClusterQuery({ id });
    // The first rows come with the page (20,000 groups: the browser's own request would come after hydration).
    const first = await firstGroupPageQuery({ id }).catch(() => null);
    return (
      <div>
        <p className="small">
          <Link href={`/clusters/${cluster.id}`}>{cluster.name}</Link> › Consumer groups
        </p>
        <h1>Consumer groups</h1>
        <GroupList clusterId={cluster.id} initial={first} />
      </div>
    );
  } catch (e) {
    return <ErrorPanel error={e} />;
  }
}
