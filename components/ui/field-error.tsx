import type { ReactNode } from "react";

const isEmpty = (message: ReactNode) => message === null || message === undefined || message === false || message === "";

/**
 * A message under (or inside) the field it is about; nothing when there is no message. `field` names the
 * field for tests (data-testid "error-<field>"), as the forms' zod paths do ("connection.bootstrapServers").
 */
export function FieldError({
  children,
  field,
  testId,
  alert,
  as: Tag = "p",
  tone = "error",
  className,
}: {
  /** The message; nothing is shown when it is empty. */
  children: ReactNode;
  field?: string;
  /** A data-testid other than "error-<field>". */
  testId?: string;
  /** Announced as it appears (role="alert"). */
  alert?: boolean;
  /** "span" inside a <label>; "pre" for a message that points at a column (a parse error). */
  as?: "p" | "span" | "pre";
  /** A warning does not stop the form; it is shown, not announced. */
  tone?: "error" | "warning";
  className?: string;
}) {
  if (isEmpty(children)) return null;
  const base = tone === "warning" ? "field-warning" : "field-error";
  return (
    <Tag className={className ? `${base} ${className}` : base} role={alert ? "alert" : undefined} data-testid={testId ?? (field === undefined ? undefined : `error-${field}`)}>
      {children}
    </Tag>
  );
}

/** What went wrong with the whole form (the server refused it, say); nothing when there is no message. */
export function FormError({ children, testId }: { children: ReactNode; testId?: string }) {
  if (isEmpty(children)) return null;
  return (
    <p className="error" role="alert" data-testid={testId}>
      {children}
    </p>
  );
}
