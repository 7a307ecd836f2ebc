import { TopicDetailPanel } from "@/components/topics/topic-detail";
import { ErrorPanel } from "@/components/ui/error-panel";
import { topicNameError } from "@/lib/topics/topic-name";
import { getClusterQuery } from "@/server/clusters/cluster-page-reads";

export const dynamic = "force-dynamic";

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export default async function TopicPage({ params, searchParams }: { params: Promise<{ id: string; topic: string }>; searchParams: Promise<{ tab?: string }> }) {
  const { id, topic: segment } = await params;
  const { tab } = await searchParams;
  const topic = decode(segment);
  try {
    const cluster = await getClusterQuery({ id });
    const nameError = topicNameError(topic);
    if (nameError) {
      return (
        <div className="banner error" role="alert">
          Not a topic name: {nameError}.
        </div>
      );
    }
    return <TopicDetailPanel cluster={cluster} topic={topic} initialTab={typeof tab === "string" ? tab : undefined} />;
  } catch (e) {
    return <ErrorPanel error={e} />;
  }
}
