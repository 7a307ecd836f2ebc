"use server";
// Server actions for topics: thin wrappers over server/topics/* through the one guarded path. Every one changes
// the cluster, so a read-only cluster refuses them on the server.
import { createTopicInputSchema } from "@/lib/topics/create-topic-schema";
import { addPartitionsInputSchema, alterTopicConfigInputSchema, deleteTopicInputSchema } from "@/lib/topics/topic-detail-schema";
import { guardedAction } from "@/server/guard/guarded-action";
import { addPartitions } from "@/server/topics/add-partitions";
import { alterTopicConfig } from "@/server/topics/alter-topic-config";
import { createTopic } from "@/server/topics/create-topic";
import { deleteTopic } from "@/server/topics/delete-topic";

export const createTopicAction = guardedAction(
  {
    name: "createTopic",
    input: createTopicInputSchema,
    permission: "topics:write",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    audit: { action: "topic.create", target: (i) => i.name },
  },
  async (input, { cluster }) => createTopic(cluster!, input),
);

export const alterTopicConfigAction = guardedAction(
  {
    name: "alterTopicConfig",
    input: alterTopicConfigInputSchema,
    permission: "topics:write",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    audit: { action: "topic.config", target: (i) => i.topic },
  },
  async (input, { cluster }) => alterTopicConfig(cluster!, input),
);

export const addPartitionsAction = guardedAction(
  {
    name: "addPartitions",
    input: addPartitionsInputSchema,
    permission: "topics:write",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    audit: { action: "topic.add-partitions", target: (i) => i.topic },
  },
  async (input, { cluster }) => addPartitions(cluster!, input),
);

export const deleteTopicAction = guardedAction(
  {
    name: "deleteTopic",
    // The topic's name typed back (confirmName): a stray click deletes nothing.
    input: deleteTopicInputSchema,
    permission: "topics:write",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    audit: { action: "topic.delete", target: (i) => i.topic },
  },
  async (input, { cluster }) => deleteTopic(cluster!, input),
);
