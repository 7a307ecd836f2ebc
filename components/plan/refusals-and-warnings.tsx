import { FieldError } from "@/components/ui/field-error";

/** Under a planned topic or connector: why apply refuses it, then what it warns about. */
export function RefusalsAndWarnings({ refusals, warnings }: { refusals: readonly string[]; warnings: readonly string[] }) {
  return (
    <>
      {refusals.map((r) => (
        <p key={r} className="error">
          Refused: {r}
        </p>
      ))}
      {warnings.map((w) => (
        <FieldError key={w} tone="warning">
          Warning: {w}
        </FieldError>
      ))}
    </>
  );
}
