import { GroupDetailPanel } from "@/components/groups/group-detail";
import { ErrorPanel } from "@/components/ui/error-panel";
import { getClusterQuery } from "@/server/clusters/cluster-page-reads";

export const dynamic = "force-dynamic";

// The group id is a query parameter (`?group=`): group ids may hold any character, "/" included.
export default async function GroupPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ group?: string | string[] }> }) {
  const { id } = await params;
  const raw = (await searchParams).group;
  const group = Array.isArray(raw) ? raw[0] : raw;
  try {
    const cluster = await getClusterQuery({ id });
    if (!group) {
      return (
        <div className="banner error" role="alert">
          Name a consumer group (?group=…).
        </div>
      );
    }
    return <GroupDetailPanel clusterId={cluster.id} clusterName={cluster.name} groupId={group} readOnly={cluster.readOnly} />;
  } catch (e) {
    return <ErrorPanel error={e} />;
  }
}
