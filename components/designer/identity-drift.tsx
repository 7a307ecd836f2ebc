"use client";
import type { AccessDrift } from "@/lib/acls/access-drift";
import "./identity.css";

/** The bindings an application needs that the cluster lacks, those removed by hand first (drift-details.tsx). */
export function AccessDriftList({ access }: { access: AccessDrift }) {
  if (!access.missing.length) return null;
  const removed = new Set(access.removed);
  const ordered = [...access.removed, ...access.missing.filter((m) => !removed.has(m))];
  return (
    <ul className="identity-bindings" aria-label="Missing bindings" data-testid="access-drift">
      {ordered.map((line) => (
        <li key={line} className={removed.has(line) ? "removed" : undefined}>
          {line}
          {removed.has(line) && <strong> (removed outside Topiary)</strong>}
        </li>
      ))}
    </ul>
  );
}
