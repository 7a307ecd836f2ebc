"use client";
import Link from "next/link";
import type { ClusterView } from "@/lib/clusters/cluster-schema";
import { ActionFailedError } from "@/lib/errors/action-result";
import { useCan } from "@/components/auth/me-context";
import { TopicAccess } from "@/components/acls/topic-access";
import { MessageBrowser } from "@/components/messages/message-browser";
import { errorMessage } from "@/components/ui/fetch-json";
import { tabPanelProps, Tabs, useUrlTab } from "@/components/ui/tabs";
import { AddPartitionsButton } from "./add-partitions-button";
import { DeleteRecordsButton } from "./delete-records-button";
import { DeleteTopicButton } from "./delete-topic-button";
import { PartitionsTable } from "./partitions-table";
import { TopicConfigTable } from "./topic-config-table";
import { TopicConsumerGroups } from "./topic-consumer-groups";
import { TOPIC_REFRESH_MS, useTopicDetailQuery } from "./topic-queries";

const TAB_KEYS = ["messages", "consumers", "partitions", "configuration"] as const;
type TopicTab = (typeof TAB_KEYS)[number];

/**
 * One topic, in tabs (the tab is in the URL, ?tab=…): its messages first (search, live tail, produce), then the
 * consumer groups reading it, its partitions and its configuration.
 */
export function TopicDetailPanel({ cluster, topic, initialTab }: { cluster: ClusterView; topic: string; initialTab?: string }) {
  const detail = useTopicDetailQuery(cluster.id, topic);
  const [tab, selectTab] = useUrlTab<TopicTab>(TAB_KEYS, initialTab);
  const { data, error, isFetching, dataUpdatedAt } = detail;
  const gone = error instanceof ActionFailedError && error.code === "NOT_FOUND";
  const mayWrite = useCan("topics:write", cluster.id);
  // Changes are offered only where the server would accept them: not on a read-only cluster, not on
  // Kafka's internal topics, not to a role below admin on this cluster.
  const canChange = mayWrite && !cluster.readOnly && !!data && !data.internal;

  return (
    <>
      <p className="muted small crumbs">
        <Link href="/clusters">Clusters</Link> / <Link href={`/clusters/${cluster.id}`}>{cluster.name}</Link> / topics
      </p>
      <div className="page-head">
        <div>
          <h1>
            <code>{topic}</code>
            {data?.internal && <span className="badge">internal</span>}
            {cluster.readOnly && <span className="badge warn">read-only cluster</span>}
          </h1>
          {data && (
            <p className="muted" data-testid="topic-summary">
              {data.partitions.length} partition{data.partitions.length === 1 ? "" : "s"} · replication factor {data.replicationFactor} ·{" "}
              {data.messages.toLocaleString("en-US")} message{data.messages === 1 ? "" : "s"}
            </p>
          )}
        </div>
        {canChange && (
          <div className="actions">
            <AddPartitionsButton clusterId={cluster.id} topic={topic} current={data.partitions.length} />
            <DeleteRecordsButton clusterId={cluster.id} topic={topic} />
            <DeleteTopicButton clusterId={cluster.id} topic={topic} />
          </div>
        )}
      </div>

      <p className="muted small" aria-live="polite">
        {isFetching ? "Refreshing…" : gone ? "Not refreshing: the topic is gone." : `Refreshes every ${TOPIC_REFRESH_MS / 1000} s`}
        {dataUpdatedAt > 0 && ` · last answer ${new Date(dataUpdatedAt).toLocaleTimeString()}`}
      </p>
      {cluster.readOnly && <p className="muted small">This cluster is read-only: topics can be looked at, not changed.</p>}

      {error && (
        <div className="banner error" role="alert" data-testid="topic-error">
          {errorMessage(error)}
          {gone ? (
            <>
              {" "}
              <Link href={`/clusters/${cluster.id}`}>Back to {cluster.name}</Link>
            </>
          ) : (
            data && " The figures below are from the last successful refresh."
          )}
        </div>
      )}
      <Tabs
        label="Topic"
        idPrefix="topic"
        current={tab}
        onSelect={selectTab}
        tabs={[
          { key: "messages", label: "Messages" },
          { key: "consumers", label: "Consumers" },
          { key: "partitions", label: data ? `Partitions (${data.partitions.length})` : "Partitions" },
          { key: "configuration", label: "Configuration" },
        ]}
      />

      {tab === "messages" && (
        <section {...tabPanelProps("topic", "messages")}>
          {data ? (
            <MessageBrowser clusterId={cluster.id} topic={topic} partitionCount={data.partitions.length} readOnly={cluster.readOnly} />
          ) : error ? (
            !gone && <p className="muted">The messages show once the cluster answers (see above); this page asks again on its own.</p>
          ) : (
            <p className="muted">Reading the topic…</p>
          )}
        </section>
      )}
      {tab === "consumers" && (
        <section {...tabPanelProps("topic", "consumers")}>
          <TopicConsumerGroups clusterId={cluster.id} topic={topic} />
        </section>
      )}
      {tab === "partitions" && data && (
        <section {...tabPanelProps("topic", "partitions")}>
          {data.offsetsError && <p className="error small">{data.offsetsError}</p>}
          <PartitionsTable partitions={data.partitions} />
        </section>
      )}
      {tab === "configuration" && data && (
        <section {...tabPanelProps("topic", "configuration")}>
          <TopicConfigTable clusterId={cluster.id} topic={topic} configs={data.configs} canEdit={canChange} />
        </section>
      )}
      <TopicAccess clusterId={cluster.id} topic={topic} />
    </>
  );
}
