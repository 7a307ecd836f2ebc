"use client";
import Link from "next/link";
import type { ClusterView } from "@/lib/clusters/cluster-schema";
import type { TopicPage } from "@/lib/clusters/topic-summary";
import { useCan } from "@/components/auth/me-context";
import { ConnectSummary } from "@/components/connect/connect-summary";
import { TopicTable } from "@/components/topics/topic-table";
import { errorMessage } from "@/components/ui/fetch-json";
import { OVERVIEW_REFRESH_MS, useClusterOverviewQuery } from "./cluster-queries";
import { DeleteClusterButton } from "./delete-cluster-button";

function Stat({ label, value, tone, testId }: { label: string; value: number | string; tone?: "bad" | "ok"; testId?: string }) {
  return (
    <div className={`stat ${tone ?? ""}`} data-testid={testId}>
      <div className="stat-value">{value}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}

export function ClusterOverviewPanel({ cluster, firstTopics }: { cluster: ClusterView; firstTopics?: TopicPage | null }) {
  const { data, error, isPending, dataUpdatedAt, isFetching } = useClusterOverviewQuery(cluster.id);
  const mayManage = useCan("clusters:manage", null);
  const mayReadAcls = useCan("acls:read", cluster.id);

  return (
    <>
      <div className="page-head">
        <div>
          <h1>
            {cluster.name} {cluster.readOnly && <span className="badge warn">read-only</span>}
          </h1>
          <p className="muted">
            <code>{cluster.bootstrapServers}</code>
            {cluster.tls.enabled && <span className="badge">TLS</span>}
            {cluster.sasl && <span className="badge">SASL {cluster.sasl.mechanism.toUpperCase()}</span>}
          </p>
        </div>
        <div className="actions">
          <Link className="button-link" href={`/clusters/${cluster.id}/groups`}>
            Consumer groups
          </Link>
          <Link className="button-link" href={`/clusters/${cluster.id}/alerts`}>
            Alerts
          </Link>
          <Link className="button-link" href={`/clusters/${cluster.id}/connect`}>
            Connectors
          </Link>
          <Link className="button-link" href={`/clusters/${cluster.id}/registry`}>
            Schema Registry
          </Link>
          {mayReadAcls && (
            <Link className="button-link" href={`/clusters/${cluster.id}/acls`}>
              Access
            </Link>
          )}
          {mayManage && (
            <>
              <Link className="button-link" href={`/clusters/${cluster.id}/edit`}>
                Edit
              </Link>
              <DeleteClusterButton cluster={cluster} redirectTo="/clusters" small={false} />
            </>
          )}
        </div>
      </div>

      <p className="muted small" aria-live="polite">
        {isFetching ? "Refreshing…" : `Refreshes every ${OVERVIEW_REFRESH_MS / 1000} s`}
        {dataUpdatedAt > 0 && ` · last answer ${new Date(dataUpdatedAt).toLocaleTimeString()}`}
      </p>

      {error && (
        <div className="banner error" role="alert" data-testid="cluster-unreachable">
          <strong>Cluster unreachable.</strong> {errorMessage(error)}
          {data && " The figures below are from the last successful refresh."}
        </div>
      )}
      {isPending && !error && <p className="muted">Reading cluster metadata…</p>}

      {data && (
        <>
          <section className="stats" aria-label="Cluster summary">
            <Stat label="Brokers" value={data.brokers.length} testId="stat-brokers" />
            <Stat label="Topics" value={data.topicCount} testId="stat-topics" />
            <Stat label="Partitions" value={data.partitionCount} testId="stat-partitions" />
            <Stat
              label="Under-replicated"
              value={data.underReplicatedPartitions}
              tone={data.underReplicatedPartitions > 0 ? "bad" : "ok"}
              testId="stat-under-replicated"
            />
            <Stat
              label="Offline partitions"
              value={data.offlinePartitions}
              tone={data.offlinePartitions > 0 ? "bad" : "ok"}
              testId="stat-offline"
            />
          </section>
          <p className="muted small">
            Cluster id <code data-testid="kafka-cluster-id">{data.clusterId}</code> · controller{" "}
            {data.controllerId ?? "unknown"} · {data.internalTopicCount} internal topic{data.internalTopicCount === 1 ? "" : "s"}
          </p>

          <h2>Brokers</h2>
          <table className="table" aria-label="Brokers">
            <thead>
              <tr>
                <th>Id</th>
                <th>Host:port</th>
                <th>Rack</th>
                <th>Leader of</th>
                <th>Replicas</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data.brokers.map((b) => (
                <tr key={b.nodeId} data-testid={`broker-${b.nodeId}`}>
                  <td>
                    <Link href={`/clusters/${cluster.id}/brokers/${b.nodeId}`} aria-label={`Broker ${b.nodeId}`}>
                      {b.nodeId}
                    </Link>
                  </td>
                  <td>
                    <code>
                      {b.host}:{b.port}
                    </code>
                  </td>
                  <td>{b.rack ?? <span className="muted">—</span>}</td>
                  <td>{b.leaderPartitions}</td>
                  <td>{b.replicas}</td>
                  <td>{b.isController && <span className="badge">controller</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>

          {data.unhealthy.length > 0 && (
            <>
              <h2>Unhealthy partitions</h2>
              <ul className="plain">
                {data.unhealthy.map((u) => (
                  <li key={`${u.topic}-${u.partition}`}>
                    <code>
                      {u.topic}-{u.partition}
                    </code>{" "}
                    <span className="badge warn">{u.problem}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      <ConnectSummary clusterId={cluster.id} mayManage={mayManage} />
      <TopicTable clusterId={cluster.id} readOnly={cluster.readOnly} initial={firstTopics} />
    </>
  );
}
