import "server-only";
import type { z } from "zod";
import { httpStatusFor, type AppError } from "@/lib/errors/app-error";
import { runGuarded, type GuardContext, type GuardDefinition } from "./run-guarded";

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * Wraps a GET route handler in the guarded path. The input validated is the route's params merged with its
 * query string; the answer is JSON (or the handler's own Response), or `{ error: { code, message } }` with a matching HTTP status.
 */
export function guardedRoute<S extends z.ZodType, T>(
  def: GuardDefinition<S>,
  handler: (input: z.output<S>, ctx: GuardContext & { request: Request }) => Promise<T>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    const params = context?.params ? await context.params : {};
    const query = Object.fromEntries(new URL(request.url).searchParams);
    try {
      const data = await runGuarded(def, { ...query, ...params }, (input, ctx) => handler(input, { ...ctx, request }), request);
      // A handler that builds its own response (e.g. Prometheus text) returns it as is.
      if (data instanceof Response) return data;
      return Response.json(data, { headers: { "cache-control": "no-store" } });
    } catch (e) {
      const err = e as AppError;
      return Response.json(
        { error: { code: err.code, message: err.userMessage, ...(err.fieldErrors ? { fieldErrors: err.fieldErrors } : {}) } },
        { status: httpStatusFor(err.code), headers: { "cache-control": "no-store" } },
      );
    }
  };
}
