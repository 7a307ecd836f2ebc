import { AppError } from "@/lib/errors/app-error";
import { compileFilter } from "@/lib/messages/message-filter";
import { scanRouteInputSchema } from "@/lib/messages/scan-schema";
import { guardedStream } from "@/server/guard/guarded-stream";
import { scanTopic } from "@/server/kafka/scan/scan-topic";

export const dynamic = "force-dynamic";

// A message search, streamed as server-sent events: meta, messages (batches), progress, then done or error.
export const GET = guardedStream(
  { name: "scanMessages", input: scanRouteInputSchema, permission: "messages:read", clusterId: (i) => i.id },
  async ({ q }, { cluster }) => {
    // A bad expression is refused before any scan starts, with the parser's precise message.
    const filter = compileFilter(q.filters, q.expression);
    if (!filter.ok) throw new AppError("VALIDATION", { userMessage: `Expression: ${filter.error}` });
    return { cluster: cluster!, request: q, filter };
  },
  async ({ cluster, request, filter }, send, signal) => {
    const done = await scanTopic(cluster, request, filter.match, signal, {
      meta: (m) => send("meta", m),
      messages: (batch) => send("messages", batch),
      progress: (p) => send("progress", { ...p, evaluationErrors: filter.evaluationErrors() }),
    });
    send("done", { ...done, evaluationErrors: filter.evaluationErrors() });
  },
);
