import type { ReactNode } from "react";

/** A plan page table: its column headings, then the rows given (what changes, before → after). */
export function PlanTable({ label, columns, children }: { label?: string; columns: readonly string[]; children: ReactNode }) {
  return (
    <table className="table plan-table" aria-label={label}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c}>{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
