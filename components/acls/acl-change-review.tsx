"use client";
import { describeBinding } from "@/lib/acls/acl-model";
import type { AclChangePreview } from "@/lib/acls/preview-change";
import { decisionLabel, principalLabel } from "./access-labels";
import styles from "./acls.module.css";

/** What a change to the bindings does: the bindings created and deleted, and whose answers move, before → after. */
export function AclChangeReview({ preview }: { preview: AclChangePreview }) {
  return (
    <div className={styles.review} data-testid="acl-change-review">
      <h3>What changes</h3>
      {preview.nothingToDo && <p className="muted">Nothing: every binding asked for is already there (or already gone).</p>}
      {preview.toCreate.length > 0 && (
        <>
          <p>Bindings to create ({preview.toCreate.length}):</p>
          <ul>
            {preview.toCreate.map((b) => (
              <li key={describeBinding(b)} className={styles.added}>
                + {describeBinding(b)}
              </li>
            ))}
          </ul>
        </>
      )}
      {preview.toDelete.length > 0 && (
        <>
          <p>Bindings to delete ({preview.toDelete.length}):</p>
          <ul>
            {preview.toDelete.map((b) => (
              <li key={describeBinding(b)} className={styles.removed}>
                − {describeBinding(b)}
              </li>
            ))}
          </ul>
        </>
      )}
      {preview.alreadyPresent.length > 0 && <p className="muted small">Already there, left as is: {preview.alreadyPresent.map(describeBinding).join("; ")}</p>}
      {preview.notFound.length > 0 && <p className="muted small">Already gone: {preview.notFound.map(describeBinding).join("; ")}</p>}
      {preview.effects.length > 0 ? (
        <table className="table" aria-label="Access before and after">
          <thead>
            <tr>
              <th>Principal</th>
              <th>Operation</th>
              <th>On</th>
              <th>Before → after</th>
            </tr>
          </thead>
          <tbody>
            {preview.effects.map((e) => {
              const before = decisionLabel(e.before);
              const after = decisionLabel(e.after);
              return (
                <tr key={`${e.principal}|${e.resource.resourceType}|${e.resource.name}|${e.operation}`}>
                  <td>{principalLabel(e.principal)}</td>
                  <td>
                    <code>{e.operation}</code>
                  </td>
                  <td>
                    {e.resource.resourceType.toLowerCase()} <code>{e.resource.name}</code>
                  </td>
                  <td>
                    <span title={before.why}>{before.text}</span> → <strong title={after.why}>{after.text}</strong> <span className="muted small">({after.why})</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        !preview.nothingToDo && <p className="muted small">No principal&apos;s access changes (another binding already decides, e.g. a DENY or an existing grant).</p>
      )}
    </div>
  );
}
