"use client";
import { describeConformance, violationPath } from "@/lib/contracts/conformance";
import { errorMessage } from "@/components/ui/fetch-json";
import { useCheckConformanceMutation, useTopicConformance } from "./conformance-queries";
import "./contracts.css";

// A topic's conformance in the properties panel (issue 19, item 7): the share of its newest messages that
// conform to its contract, when they were sampled, the first violations (partition, offset, field path and
// reason), and Check now.

export function ConformanceDetails({ nodeId }: { nodeId: string }) {
  const { bound, may, data, error } = useTopicConformance(nodeId);
  const check = useCheckConformanceMutation();
  if (!bound) return <p className="small muted conformance-details">Bind the design to a cluster to check its newest messages against the contract.</p>;
  if (!may) return <p className="small muted conformance-details">Conformance of the newest messages needs the operator role (reading messages) on the bound cluster.</p>;
  return (
    <section className="conformance-details" aria-label="Conformance" data-testid="conformance-details">
      <h3>Conformance</h3>
      {data ? (
        <p data-testid="conformance-share">
          {describeConformance(data)}
          <span className="muted small">
            {" "}
            · newest messages, sampled {new Date(data.sampledAt).toLocaleTimeString()}
            {!data.complete && !data.error && " (the read stopped at its time budget)"}
            {data.tombstones > 0 && ` · ${data.tombstones} tombstone(s) not counted`}
          </span>
        </p>
      ) : (
        <p className="muted small">{error ? errorMessage(error) : "Not sampled yet."}</p>
      )}
      {data && data.violations.length > 0 && (
        <table className="table compact" aria-label="First violations">
          <thead>
            <tr>
              <th scope="col">Offset</th>
              <th scope="col">Field</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {data.violations.flatMap((v) =>
              v.problems.map((p, i) => (
                <tr key={`${v.partition}-${v.offset}-${i}`} data-testid="conformance-violation">
                  <td className="mono nowrap">{i === 0 ? `${v.partition}:${v.offset}` : ""}</td>
                  <td className="mono">{violationPath(v, p)}</td>
                  <td>{p.message}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
      <button type="button" className="secondary small" onClick={() => check.mutate()} disabled={check.isPending}>
        {check.isPending ? "Checking…" : "Check now"}
      </button>
      {check.isError && <p className="error small">{errorMessage(check.error)}</p>}
    </section>
  );
}
