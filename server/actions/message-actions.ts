"use server";
import { produceInputSchema } from "@/lib/messages/scan-schema";
import { guardedAction } from "@/server/guard/guarded-action";
import { produceMessage } from "@/server/messages/produce-message";

export const produceMessageAction = guardedAction(
  {
    name: "produceMessage",
    input: produceInputSchema,
    permission: "messages:write",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    audit: { action: "message.produce", target: (i) => i.topic },
  },
  (input, { cluster }) => produceMessage(cluster!, input),
);
