"use client";
import { useMemo } from "react";
import type { RegistrySchemaType } from "@/lib/registry/registry-schemas";
import { schemaDiff } from "@/lib/registry/schema-diff";
import "./registry.css";

/** Two versions' schemas line by line: removed lines marked "-", added "+", with each side's line numbers. */
export function SchemaDiff({ schemaType, oldText, newText, oldLabel, newLabel }: { schemaType: RegistrySchemaType; oldText: string; newText: string; oldLabel: string; newLabel: string }) {
  const lines = useMemo(() => schemaDiff(schemaType, oldText, newText), [schemaType, oldText, newText]);
  const added = lines.filter((l) => l.kind === "added").length;
  const removed = lines.filter((l) => l.kind === "removed").length;
  return (
    <div data-testid="schema-diff">
      <p className="small muted">
        From {oldLabel} to {newLabel}: {added} line{added === 1 ? "" : "s"} added, {removed} removed
      </p>
      <table className="table diff-table mono small" aria-label={`Differences from ${oldLabel} to ${newLabel}`}>
        <tbody>
          {lines.map((l, i) => (
            <tr key={i} className={`diff-${l.kind}`} data-testid={l.kind === "same" ? undefined : `diff-${l.kind}`}>
              <td className="muted">{l.oldLine ?? ""}</td>
              <td className="muted">{l.newLine ?? ""}</td>
              <td>{l.kind === "added" ? "+" : l.kind === "removed" ? "-" : " "}</td>
              <td>
                <pre className="diff-line">{l.text}</pre>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
