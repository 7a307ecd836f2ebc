import { AppError } from "@/lib/errors/app-error";
import { compileFilter } from "@/lib/messages/message-filter";
import { scanRouteInputSchema } from "@/lib/messages/scan-schema";
import { guardedStream } from "@/server/guard/guarded-stream";
import { scanTopic } from "@/server/messages/scan-topic";

export const dynamic = "force-dynamic";

// Live tail: new messages as they arrive (filters apply), until the browser closes the stream or the
// request's duration limit passes.
export const GET = guardedStream(
  { name: "tailMessages", input: scanRouteInputSchema, permission: "messages:read", clusterId: (i) => i.id },
  async ({ q }, { cluster }) => {
    const compiled = compileFilter(q.filters, q.expression);
    if (!compiled.ok) throw new AppError("VALIDATION", { userMessage: `Expression: ${compiled.error}` });
    return { cluster: cluster, request: q, filter: compiled.filter };
  },
  async ({ cluster, request, filter }, send, signal) => {
    const done = await scanTopic(
      cluster,
      request,
      filter,
      signal,
      { meta: (m) => send("meta", m), messages: (batch) => send("messages", batch), progress: (p) => send("progress", p) },
      { follow: true },
    );
    send("done", done);
  },
);
