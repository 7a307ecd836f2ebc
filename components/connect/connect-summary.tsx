"use client";
import Link from "next/link";
import { connectorsHref, useConnectClustersQuery } from "./connect-queries";

/**
 * The cluster page's Kafka Connect section: each Connect cluster with its version, commit and plugins (or why it
 * does not answer), and the way to its connectors. Nothing while the cluster has none and the user cannot add one.
 */
export function ConnectSummary({ clusterId, mayManage }: { clusterId: string; mayManage: boolean }) {
  const { data, error } = useConnectClustersQuery(clusterId);
  if (!data?.length && !mayManage && !error) return null;
  return (
    <section aria-label="Kafka Connect" data-testid="connect-summary">
      <h2>Kafka Connect</h2>
      {error && <p className="error">{error.message}</p>}
      {data && !data.length && (
        <p className="muted small">
          No Connect cluster yet: add one on the <Link href={connectorsHref(clusterId)}>connectors page</Link>.
        </p>
      )}
      {data && data.length > 0 && (
        <table className="table compact" aria-label="Connect clusters">
          <thead>
            <tr>
              <th>Connect cluster</th>
              <th>Version</th>
              <th>Commit</th>
              <th>Plugins</th>
            </tr>
          </thead>
          <tbody>
            {data.map((c) => (
              <tr key={c.id} data-testid={`connect-cluster-${c.name}`}>
                <td>
                  {c.name} <code className="small muted">{c.url}</code>
                  {c.otherKafkaCluster && (
                    <span className="badge warn" title="Its workers store their state in another Kafka cluster than this one">
                      another Kafka cluster
                    </span>
                  )}
                </td>
                {c.info ? (
                  <>
                    <td data-testid="connect-version">{c.info.version}</td>
                    <td>
                      <code className="small">{c.info.commit}</code>
                    </td>
                    <td>
                      <details>
                        <summary>{c.info.plugins.length} connector plugin{c.info.plugins.length === 1 ? "" : "s"}</summary>
                        <ul className="plain small">
                          {c.info.plugins.map((p) => (
                            <li key={p.className}>
                              <code>{p.className}</code> <span className="muted">{p.type} {p.version}</span>
                            </li>
                          ))}
                        </ul>
                      </details>
                    </td>
                  </>
                ) : (
                  <td colSpan={3} className="error small">
                    {c.error}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
