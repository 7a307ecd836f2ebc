"use client";
import type { SortOrder } from "./sort-order";

export interface SortColumn<K extends string> {
  /** The sort key; null for a column that cannot be sorted by. */
  key: K | null;
  label: string;
  /** A numeric column: right-aligned. */
  num?: boolean;
}

/**
 * The header row of a table sorted on the server: each sortable column's label is a button that sorts by it
 * (again: the other way round), and the sorted column says so with aria-sort and an arrow.
 */
export function SortableHeader<K extends string>({ columns, order, onSort }: { columns: readonly SortColumn<K>[]; order: SortOrder<K>; onSort: (key: K) => void }) {
  return (
    <thead>
      <tr>
        {columns.map(({ key, label, num }) => {
          const sorted = key !== null && key === order.sort;
          return (
            <th key={label} className={num ? "num" : undefined} aria-sort={sorted ? (order.desc ? "descending" : "ascending") : undefined}>
              {key === null ? (
                label
              ) : (
                <button type="button" className="link th-sort" onClick={() => onSort(key)}>
                  {label}
                  {sorted ? (order.desc ? " ↓" : " ↑") : ""}
                </button>
              )}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
