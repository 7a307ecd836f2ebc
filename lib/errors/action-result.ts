import type { ErrorCode } from "./app-error";

/** What every server action returns: data, or an error the browser can show (no stack, no secret). */
export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: ErrorCode; message: string; fieldErrors?: Record<string, string> } };

export function unwrap<T>(result: ActionResult<T>): T {
  if (result.ok) return result.data;
  throw new ActionFailedError(result.error);
}

export class ActionFailedError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: Record<string, string>;
  constructor(error: { code: ErrorCode; message: string; fieldErrors?: Record<string, string> }) {
    super(error.message);
    this.name = "ActionFailedError";
    this.code = error.code;
    this.fieldErrors = error.fieldErrors;
  }
}
