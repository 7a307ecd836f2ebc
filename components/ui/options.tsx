/** A select's options, one per value: its text is the value's label, or the value itself when none is given. */
export function Options<T extends string | number>({ values, labels }: { values: readonly T[]; labels?: Record<T, string> | ((value: T) => string) }) {
  return (
    <>
      {values.map((v) => (
        <option key={v} value={v}>
          {labels === undefined ? v : typeof labels === "function" ? labels(v) : labels[v]}
        </option>
      ))}
    </>
  );
}
