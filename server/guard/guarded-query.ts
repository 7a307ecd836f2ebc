import "server-only";
import type { z } from "zod";
import { runGuarded, type ClusterKey, type GuardContext, type GuardDefinition } from "./run-guarded";

/**
 * A read used by server-rendered pages, through the same guarded path as actions and route handlers.
 * Throws an AppError; the page shows its userMessage.
 */
export function guardedQuery<S extends z.ZodType, T, K extends ClusterKey = never>(
  def: GuardDefinition<S, K, T>,
  handler: (input: z.output<S>, ctx: GuardContext<K>) => Promise<T>,
): (input: z.input<S>) => Promise<T> {
  return (raw) => runGuarded(def, raw, handler);
}
