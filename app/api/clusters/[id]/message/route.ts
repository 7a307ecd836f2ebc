import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { clusterIdSchema } from "@/lib/clusters/cluster-schema";
import { topicNameSchema } from "@/lib/topics/create-topic-schema";
import { guardedRoute } from "@/server/guard/guarded-route";
import { fetchOneMessage } from "@/server/messages/fetch-one-message";

export const dynamic = "force-dynamic";

const input = z.object({ id: clusterIdSchema, topic: topicNameSchema, partition: z.coerce.number().int().min(0), offset: z.coerce.number().int().min(0) });

// One message in full (the browser's "expand" of a truncated value).
export const GET = guardedRoute({ name: "getMessage", input, permission: "messages:read", clusterId: (i) => i.id }, async (i, { cluster }) => {
  const m = await fetchOneMessage(cluster, i.topic, i.partition, i.offset);
  if (!m) throw new AppError("NOT_FOUND", { userMessage: `No message at ${i.topic}/${i.partition}@${i.offset}.` });
  return m;
});
