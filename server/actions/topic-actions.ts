"use server";
// Server actions for topics: thin wrappers over server/topics/* through the one guarded path. Every one changes
// the cluster, so a read-only cluster refuses them on the server.
import { createTopicInputSchema } from "@/lib/topics/create-topic-schema";
import { addPartitionsInputSchema, alterTopicConfigInputSchema, deleteTopicInputSchema } from "@/lib/topics/topic-detail-schema";
import { guardedAction } from "@/server/guard/guarded-action";
import { deleteRecordsInputSchema, describeDeleteRecords } from "@/lib/topics/delete-records";
import { describeConfigChange } from "@/lib/topics/topic-config-view";
import { addPartitions, type AddPartitionsResult } from "@/server/topics/add-partitions";
import { alterTopicConfig, type AlterTopicConfigResult } from "@/server/topics/alter-topic-config";
import { createTopic } from "@/server/topics/create-topic";
import { deleteRecords, previewDeleteRecords, type DeleteRecordsResult } from "@/server/topics/delete-records";
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
  async (input, { cluster }) => createTopic(cluster, input),
);

export const alterTopicConfigAction = guardedAction(
  {
    name: "alterTopicConfig",
    input: alterTopicConfigInputSchema,
    permission: "topics:write",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    // The record says what changed, key by key, before → after.
    audit: { action: "topic.config", target: (i, r?: AlterTopicConfigResult) => (r ? `${i.topic}: ${describeConfigChange(r.changed, r.before, r.overrides)}` : i.topic) },
  },
  async (input, { cluster }) => alterTopicConfig(cluster, input),
);

export const addPartitionsAction = guardedAction(
  {
    name: "addPartitions",
    input: addPartitionsInputSchema,
    permission: "topics:write",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    audit: { action: "topic.add-partitions", target: (i, r?: AddPartitionsResult) => (r ? `${i.topic}: partitions ${r.from} → ${r.partitions}` : `${i.topic}: to ${i.partitions} partitions`) },
  },
  async (input, { cluster }) => addPartitions(cluster, input),
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
  async (input, { cluster }) => deleteTopic(cluster, input),
);

export const previewDeleteRecordsAction = guardedAction(
  // A preview reads only: nothing to audit (the delete is).
  { name: "previewDeleteRecords", input: deleteRecordsInputSchema, permission: "topics:write", clusterId: (i) => i.clusterId },
  async (input, { cluster }) => previewDeleteRecords(cluster, input),
);

export const deleteRecordsAction = guardedAction(
  {
    name: "deleteRecords",
    // The topic's name typed back (confirmName), and the plan worked out again when it runs.
    input: deleteRecordsInputSchema,
    permission: "topics:write",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    audit: { action: "topic.delete-records", target: (i, r?: DeleteRecordsResult) => `${i.topic}: ${r ? describeDeleteRecords(i, r.partitions) : i.mode}` },
  },
  async (input, { cluster }) => deleteRecords(cluster, input),
);
