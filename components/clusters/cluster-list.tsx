"use client";
import Link from "next/link";
import type { ClusterView } from "@/lib/clusters/cluster-schema";
import { useCan } from "@/components/auth/me-context";
import { errorMessage } from "@/components/ui/fetch-json";
import { DeleteClusterButton } from "./delete-cluster-button";
import { useClustersQuery, useTestConnectionMutation } from "./cluster-queries";

function SecurityBadges({ cluster }: { cluster: ClusterView }) {
  return (
    <>
      {cluster.readOnly && <span className="badge warn">read-only</span>}
      {cluster.tls.enabled && <span className="badge">TLS</span>}
      {cluster.sasl && <span className="badge">SASL {cluster.sasl.mechanism.toUpperCase()}</span>}
      {!cluster.tls.enabled && !cluster.sasl && <span className="muted small">plaintext, no authentication</span>}
    </>
  );
}

function TestButton({ cluster }: { cluster: ClusterView }) {
  const test = useTestConnectionMutation();
  return (
    <span className="inline-test">
      <button
        type="button"
        className="secondary small"
        disabled={test.isPending}
        // Tests the stored settings: blank secrets mean "the stored ones" on the server.
        onClick={() =>
          test.mutate({
            clusterId: cluster.id,
            connection: {
              bootstrapServers: cluster.bootstrapServers,
              tls: { enabled: cluster.tls.enabled, rejectUnauthorized: cluster.tls.rejectUnauthorized, ca: cluster.tls.ca ?? undefined, cert: cluster.tls.cert ?? undefined },
              sasl: cluster.sasl ? { mechanism: cluster.sasl.mechanism, username: cluster.sasl.username } : null,
            },
          })
        }
      >
        {test.isPending ? "Testing…" : "Test"}
      </button>
      {test.isSuccess && (
        <span className="ok" data-testid="row-test-result">
          {test.data.brokerCount} broker{test.data.brokerCount === 1 ? "" : "s"}, {test.data.latencyMs} ms
        </span>
      )}
      {test.isError && (
        <span className="error" role="alert">
          {errorMessage(test.error)}
        </span>
      )}
    </span>
  );
}

/** A cluster's name (linking to its page), brokers and security; for an admin, test, edit and remove. */
function ClusterRow({ cluster, mayManage }: { cluster: ClusterView; mayManage: boolean }) {
  return (
    <tr data-testid={`cluster-row-${cluster.name}`}>
      <td>
        <Link href={`/clusters/${cluster.id}`}>{cluster.name}</Link>
      </td>
      <td>
        <code>{cluster.bootstrapServers}</code>
      </td>
      <td>
        <SecurityBadges cluster={cluster} />
      </td>
      <td className="row-actions">
        {mayManage && (
          <>
            <TestButton cluster={cluster} />
            <Link className="button-link small" href={`/clusters/${cluster.id}/edit`}>
              Edit
            </Link>
            <DeleteClusterButton cluster={cluster} />
          </>
        )}
      </td>
    </tr>
  );
}

export function ClusterList({ initialClusters }: { initialClusters: ClusterView[] }) {
  const { data: clusters = [], error } = useClustersQuery(initialClusters);
  const mayManage = useCan("clusters:manage", null);
  return (
    <div className="card">
      {error && <p className="error">{errorMessage(error)}</p>}
      {clusters.length === 0 ? (
        <p className="muted">
          No clusters yet.{" "}
          {mayManage && (
            <>
              <Link href="/clusters/new">Add one</Link>.
            </>
          )}
        </p>
      ) : (
        <table className="table" aria-label="Clusters">
          <thead>
            <tr>
              <th>Name</th>
              <th>Bootstrap servers</th>
              <th>Security</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {clusters.map((c) => (
              <ClusterRow key={c.id} cluster={c} mayManage={mayManage} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
