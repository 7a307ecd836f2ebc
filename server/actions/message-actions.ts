"use server";
import { copyMessagesInputSchema } from "@/lib/messages/copy-schema";
import { produceInputSchema } from "@/lib/messages/scan-schema";
import { guardedAction } from "@/server/guard/guarded-action";
import { copyMessages, type CopyMessagesResult } from "@/server/messages/copy-messages";
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
  (input, { cluster }) => produceMessage(cluster, input),
);

export const copyMessagesAction = guardedAction(
  {
    name: "copyMessages",
    input: copyMessagesInputSchema,
    // Reading the chosen messages and producing them again: an operator's pair of permissions (produce includes read).
    permission: "messages:write",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    audit: { action: "message.copy", target: (i, r?: CopyMessagesResult) => `${r?.copied ?? i.refs.length} message(s) from ${i.topic} to ${i.target}` },
  },
  (input, { cluster }) => copyMessages(cluster, input),
);
