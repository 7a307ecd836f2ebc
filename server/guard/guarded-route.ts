import "server-only";
import type { z } from "zod";
import { httpStatusFor, type AppError, type ErrorCode } from "@/lib/errors/app-error";
import { checkStateChangingRequest } from "./check-state-changing-request";
import { runGuarded, type ClusterKey, type GuardContext, type GuardDefinition } from "./run-guarded";

type RouteContext = { params: Promise<Record<string, string | string[]>> };

const NO_STORE = { "cache-control": "no-store" };

function errorResponse(status: number, error: { code: ErrorCode; message: string; fieldErrors?: Record<string, string> }): Response {
  return Response.json({ error }, { status, headers: NO_STORE });
}

/**
 * Wraps a route handler in the guarded path. The input validated is the route's params merged with its query
 * string and, for a request that changes state (not GET or HEAD), its JSON body; the route's params win, so a
 * body cannot name another cluster than the URL's. A state-changing request must also be same-origin, JSON and
 * bounded (check-state-changing-request.ts). The answer is JSON (or the handler's own Response), or
 * `{ error: { code, message } }` with a matching HTTP status.
 */
export function guardedRoute<S extends z.ZodType, T, K extends ClusterKey = never>(
  def: GuardDefinition<S, K, T>,
  handler: (input: z.output<S>, ctx: GuardContext<K> & { request: Request }) => Promise<T>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    let body: Record<string, unknown> = {};
    if (request.method !== "GET" && request.method !== "HEAD") {
      const checked = await checkStateChangingRequest(request);
      if (!checked.ok) return errorResponse(checked.status, { code: checked.code, message: checked.message });
      body = checked.body;
    }
    const params = context?.params ? await context.params : {};
    const query = Object.fromEntries(new URL(request.url).searchParams);
    try {
      const data = await runGuarded(def, { ...query, ...body, ...params }, (input, ctx) => handler(input, { ...ctx, request }), request);
      // A handler that builds its own response (e.g. Prometheus text) returns it as is.
      if (data instanceof Response) return data;
      return Response.json(data, { headers: NO_STORE });
    } catch (e) {
      const err = e as AppError;
      return errorResponse(httpStatusFor(err.code), { code: err.code, message: err.userMessage, ...(err.fieldErrors ? { fieldErrors: err.fieldErrors } : {}) });
    }
  };
}
