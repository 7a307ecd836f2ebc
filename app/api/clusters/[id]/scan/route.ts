import { AppError } from "@/lib/errors/app-error";
import { compileFilter } from "@/lib/messages/message-filter";
import { scanRouteInputSchema } from "@/lib/messages/scan-schema";
import { guardedStream } from "@/server/guard/guarded-stream";
import { scanTopic } from "@/server/messages/scan-topic";

export const dynamic = "force-dynamic";

// A message search, streamed as server-sent events: meta, messages (batches), progress, then done or error.
export const GET = guardedStream(
  { name: "scanMessages", input: scanRouteInputSchema, permission: "messages:read", clusterId: (i) => i.id },
  async ({ q }, { cluster }) => {
    // A bad expression is refused before any scan starts, with the parser's precise message.
    const compiled = compileFilter(q.filters, q.expression);
    if (!compiled.ok) throw new AppError("VALIDATION", { userMessage: `Expression: ${compiled.error}` });
    return { cluster: cluster, request: q, filter: compiled.filter };
  },
  async ({ cluster, request, filter }, send, signal) => {
    const done = await scanTopic(cluster, request, filter, signal, {
      meta: (m) => send("meta", m),
      messages: (batch) => send("messages", batch),
      progress: (p) => send("progress", p),
    });
    send("done", done);
  },
);
