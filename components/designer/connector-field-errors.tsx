"use client";
import type { Problem } from "@/lib/designs/validate-design";
import { FieldError } from "@/components/ui/field-error";
import type { FlowNodeOf } from "./design-flow";

export type ConnectorFlowNode = FlowNodeOf<"sourceConnector"> | FlowNodeOf<"sinkConnector">;

/** Local problems and Connect's errors of one field, under it. */
export function ConnectorFieldErrors({ local, remote, field }: { local: Problem[] | undefined; remote: Record<string, string> | undefined; field: string }) {
  const mine = local?.filter((p) => p.field === field) ?? [];
  return (
    <>
      {mine.map((p) => (
        <FieldError key={p.message} tone={p.severity} alert={p.severity === "error"}>
          {p.message}
        </FieldError>
      ))}
      {remote?.[field] && (
        <FieldError field={`connect-${field}`} alert>
          {remote[field]}
        </FieldError>
      )}
    </>
  );
}

