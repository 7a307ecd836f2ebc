"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import { RESOURCE_TYPE_LABELS, WILDCARD, type AclBinding } from "@/lib/acls/acl-model";
import { principalHref, principalLabel } from "./access-labels";
import styles from "./acls.module.css";

export function PermissionBadge({ permission }: { permission: AclBinding["permission"] }) {
  return <span className={`${styles.permission} ${permission === "DENY" ? styles.deny : styles.allow}`}>{permission}</span>;
}

export function ResourcePattern({ binding }: { binding: Pick<AclBinding, "resourceType" | "resourceName" | "patternType"> }) {
  const label = RESOURCE_TYPE_LABELS[binding.resourceType];
  if (binding.resourceType === "CLUSTER") return <>the cluster</>;
  if (binding.patternType === "PREFIXED") {
    return (
      <>
        {label}s starting with <code>{binding.resourceName}</code>
      </>
    );
  }
  if (binding.resourceName === WILDCARD) return <>every {label}</>;
  return (
    <>
      {label} <code>{binding.resourceName}</code>
    </>
  );
}

/**
 * ACL bindings, one per row; DENY rows stand out (a red edge and background, a solid DENY badge): a deny wins over
 * every allow, so it must not read like one.
 */
export function AclBindingTable({
  clusterId,
  bindings,
  label,
  actions,
}: {
  clusterId: string;
  bindings: AclBinding[];
  label: string;
  /** Per-row controls (e.g. delete), when the viewer may change bindings. */
  actions?: (b: AclBinding) => ReactNode;
}) {
  return (
    <table className="table" aria-label={label}>
      <thead>
        <tr>
          <th>Permission</th>
          <th>Principal</th>
          <th>Operation</th>
          <th>Resource</th>
          <th>Host</th>
          {actions && <th aria-label="Actions" />}
        </tr>
      </thead>
      <tbody>
        {bindings.map((b) => (
          <tr
            key={`${b.resourceType}|${b.patternType}|${b.resourceName}|${b.principal}|${b.host}|${b.operation}|${b.permission}`}
            className={b.permission === "DENY" ? styles.denyRow : undefined}
            data-testid="acl-binding-row"
            data-permission={b.permission}
          >
            <td>
              <PermissionBadge permission={b.permission} />
            </td>
            <td>
              <Link href={principalHref(clusterId, b.principal)}>{principalLabel(b.principal)}</Link>
            </td>
            <td>
              <code>{b.operation}</code>
            </td>
            <td>
              <ResourcePattern binding={b} />
            </td>
            <td>{b.host === WILDCARD ? <span className="muted">any</span> : <code>{b.host}</code>}</td>
            {actions && <td className="row-actions">{actions(b)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
