"use client";
import Link from "next/link";
import type { ClusterView } from "@/lib/clusters/cluster-schema";
import { useCan } from "@/components/auth/me-context";
import { ConnectClustersPanel } from "./connect-clusters-panel";
import { ConnectSecretsPanel } from "./connect-secrets-panel";
import { ConnectorList } from "./connector-list";

/** The connectors page of a Kafka cluster: its Connect clusters, then every connector on them. */
export function ConnectPage({ cluster }: { cluster: ClusterView }) {
  const mayManage = useCan("clusters:manage", cluster.id);
  const mayCreate = useCan("connect:write", cluster.id) && !cluster.readOnly;
  // Secrets live in Topiary's store, not on the cluster: a read-only cluster still has them set.
  const mayWriteSecrets = useCan("connect:write", cluster.id);
  return (
    <div>
      <p className="muted small crumbs">
        <Link href={`/clusters/${cluster.id}`}>{cluster.name}</Link> › Connectors
      </p>
      <h1>
        Kafka Connect {cluster.readOnly && <span className="badge warn">read-only</span>}
      </h1>
      <ConnectClustersPanel clusterId={cluster.id} mayManage={mayManage} />
      <ConnectorList clusterId={cluster.id} mayCreate={mayCreate} />
      <ConnectSecretsPanel clusterId={cluster.id} mayWrite={mayWriteSecrets} />
    </div>
  );
}
