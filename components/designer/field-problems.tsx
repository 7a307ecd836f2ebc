"use client";
import { FieldError } from "@/components/ui/field-error";
import { useAnnotations } from "./annotation-store";

/** The design's problems with one field of a node, under that field; with `nested`, those of its sub-fields too. */
export function FieldProblems({ nodeId, field, nested }: { nodeId: string; field: string; nested?: boolean }) {
  const problems = useAnnotations((s) => s.problemsByNode.get(nodeId));
  const mine = problems?.filter((p) => p.field === field || (nested && p.field?.startsWith(`${field}.`)));
  if (!mine?.length) return null;
  return (
    <>
      {mine.map((p) => (
        <FieldError key={p.message} tone={p.severity} alert={p.severity === "error"}>
          {p.message}
        </FieldError>
      ))}
    </>
  );
}
