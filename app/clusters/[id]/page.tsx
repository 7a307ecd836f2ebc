import { ClusterOverviewPanel } from "@/components/clusters/cluster-overview";
import { ErrorPanel } from "@/components/ui/error-panel";
import { firstTopicPageQuery, getClusterQuery } from "@/server/clusters/cluster-page-reads";

export const dynamic = "force-dynamic";

export default async function ClusterPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    const cluster = await getClusterQuery({ id });
    // The first rows of the topic list come with the page; a slow cluster only delays them to the browser.
    const firstTopics = await firstTopicPageQuery({ id }).catch(() => null);
    return <ClusterOverviewPanel cluster={cluster} firstTopics={firstTopics} />;
  } catch (e) {
    return <ErrorPanel error={e} />;
  }
}
