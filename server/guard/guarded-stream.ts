import "server-only";
import type { z } from "zod";
import { httpStatusFor, type AppError } from "@/lib/errors/app-error";
import { sseEvent } from "@/lib/messages/scan-events";
import { runGuarded, type GuardContext, type GuardDefinition } from "./run-guarded";
import { toAppError } from "./to-app-error";

type RouteContext = { params: Promise<Record<string, string | string[]>> };
type Send = (event: string, data: unknown) => void;

/**
 * A server-sent-event route through the guarded path. Validation, permission and cluster checks (and
 * anything `prepare` throws, such as a bad filter expression) answer as a JSON error with a status, before
 * any stream starts. Then `run` streams; it gets an AbortSignal that fires when the browser goes away, and
 * its errors end the stream with an `error` event carrying the user-facing message only.
 */
export function guardedStream<S extends z.ZodType, P>(
  def: GuardDefinition<S>,
  prepare: (input: z.output<S>, ctx: GuardContext & { request: Request }) => Promise<P>,
  run: (prepared: P, send: Send, signal: AbortSignal) => Promise<void>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    const params = context?.params ? await context.params : {};
    const query = Object.fromEntries(new URL(request.url).searchParams);
    let prepared: P;
    try {
      prepared = await runGuarded(def, { ...query, ...params }, (input, ctx) => prepare(input, { ...ctx, request }), request);
    } catch (e) {
      const err = e as AppError;
      return Response.json({ error: { code: err.code, message: err.userMessage } }, { status: httpStatusFor(err.code) });
    }

    const abort = new AbortController();
    request.signal.addEventListener("abort", () => abort.abort());
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send: Send = (event, data) => {
          if (!abort.signal.aborted) controller.enqueue(encoder.encode(sseEvent(event, data)));
        };
        try {
          await run(prepared, send, abort.signal);
        } catch (e) {
          const err = toAppError(e, def.name);
          send("error", { code: err.code, message: err.userMessage });
        } finally {
          try {
            controller.close();
          } catch {
            // Already closed by the browser going away.
          }
        }
      },
      cancel() {
        abort.abort();
      },
    });
    return new Response(stream, {
      headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
    });
  };
}
