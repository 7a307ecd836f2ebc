import "server-only";
import type { z } from "zod";
import { httpStatusFor, type AppError } from "@/lib/errors/app-error";
import { sseEvent } from "@/lib/messages/scan-events";
import { runGuarded, type ClusterKey, type GuardContext, type GuardDefinition } from "./run-guarded";
import { toAppError } from "./to-app-error";

type RouteContext = { params: Promise<Record<string, string | string[]>> };
type Send = (event: string, data: unknown) => void;

// The streams open in this process, so a shutdown can end them (closeOpenStreams). On globalThis: Next may load
// this module more than once in one process.
const g = globalThis as unknown as { topiaryStreams?: Set<(retryMs: number) => void> };
const openStreams: Set<(retryMs: number) => void> = (g.topiaryStreams ??= new Set());

/**
 * Ends every open stream (the server is shutting down): each gets a `retry:` hint (when an EventSource should
 * reconnect, to another instance behind the load balancer) and an `error` event saying why, then closes; the work
 * behind it is aborted. Gives how many were open.
 */
export function closeOpenStreams(retryMs: number): number {
  const closers = [...openStreams];
  for (const close of closers) close(retryMs);
  return closers.length;
}

/**
 * A server-sent-event route through the guarded path. Validation, permission and cluster checks (and
 * anything `prepare` throws, such as a bad filter expression) answer as a JSON error with a status, before
 * any stream starts. Then `run` streams; it gets an AbortSignal that fires when the browser goes away, and
 * its errors end the stream with an `error` event carrying the user-facing message only.
 */
export function guardedStream<S extends z.ZodType, P, K extends ClusterKey = never>(
  def: GuardDefinition<S, K, P>,
  prepare: (input: z.output<S>, ctx: GuardContext<K> & { request: Request }) => Promise<P>,
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
        const closeForShutdown = (retryMs: number) => {
          if (abort.signal.aborted) return;
          const message = "This console instance is shutting down. Start again: it will be answered by another instance.";
          controller.enqueue(encoder.encode(`retry: ${retryMs}\n${sseEvent("error", { code: "BUSY", message })}`));
          abort.abort();
          try {
            controller.close();
          } catch {
            // Already closed.
          }
        };
        openStreams.add(closeForShutdown);
        try {
          await run(prepared, send, abort.signal);
        } catch (e) {
          const err = toAppError(e, def.name);
          send("error", { code: err.code, message: err.userMessage });
        } finally {
          openStreams.delete(closeForShutdown);
          try {
            controller.close();
          } catch {
            // Already closed by the browser going away, or by a shutdown.
          }
        }
      },
      cancel() {
        abort.abort();
      },
    });
    return new Response(stream, {
      headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store, no-transform", "x-accel-buffering": "no" },
    });
  };
}
