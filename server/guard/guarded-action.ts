import "server-only";
import type { z } from "zod";
import type { ActionResult } from "@/lib/errors/action-result";
import type { AppError } from "@/lib/errors/app-error";
import { runGuarded, type ClusterKey, type GuardContext, type GuardDefinition } from "./run-guarded";

/**
 * Wraps a server action in the guarded path. The action takes untrusted input and returns a typed result:
 * data, or an error with a user-facing message (never a stack or a secret).
 */
export function guardedAction<S extends z.ZodType, T, K extends ClusterKey = never>(
  def: GuardDefinition<S, K, T>,
  handler: (input: z.output<S>, ctx: GuardContext<K>) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (raw) => {
    try {
      return { ok: true, data: await runGuarded(def, raw, handler) };
    } catch (e) {
      const err = e as AppError;
      return {
        ok: false,
        error: { code: err.code, message: err.userMessage, ...(err.fieldErrors ? { fieldErrors: err.fieldErrors } : {}) },
      };
    }
  };
}
