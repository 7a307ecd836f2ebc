"use server";
// Producing a value encoded with a schema (a registry subject's, or the topic's contract): an operator's, like
// producing (messages:write), refused on a read-only cluster, audited with the topic and the schema used.
import { produceWithSchemaInputSchema } from "@/lib/registry/produce-schema";
import { guardedAction } from "@/server/guard/guarded-action";
import { produceWithSchema, type ProducedWithSchema } from "@/server/registry/produce-with-schema";

export const produceWithSchemaAction = guardedAction(
  {
    name: "produceWithSchema",
    input: produceWithSchemaInputSchema,
    permission: "messages:write",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    audit: {
      action: "message.produce",
      target: (i, r?: ProducedWithSchema) =>
        `${i.topic} (${i.schema.source === "registry" ? `subject ${i.schema.subject}${r?.version ? ` version ${r.version}, schema id ${r.schemaId}` : ""}` : "the topic's contract"})`,
    },
  },
  (input, { cluster }) => produceWithSchema(cluster, input),
);
