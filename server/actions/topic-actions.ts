"use server";
import { createTopicInputSchema } from "@/lib/topics/create-topic-schema";
import { guardedAction } from "@/server/guard/guarded-action";
import { createTopic } from "@/server/topics/create-topic";

export const createTopicAction = guardedAction(
  {
    name: "createTopic",
    input: createTopicInputSchema,
    permission: "topics:write",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
  },
  async (input, { cluster }) => createTopic(cluster!, input),
);
