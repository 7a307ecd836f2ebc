import "server-only";
import { compileSchema, type SchemaCodec } from "@/lib/contracts/schema-codec";
import { AppError } from "@/lib/errors/app-error";
import type { produceWithSchemaInputSchema, ValueSchemaChoice } from "@/lib/registry/produce-schema";
import { registryFormat } from "@/lib/registry/registry-formats";
import { messageIndexesOf } from "@/lib/registry/protobuf-indexes.mjs";
import { frame } from "@/lib/registry/wire-format.mjs";
import type { z } from "zod";
import type { Cluster } from "@/prisma/generated/client";
import { kafkaRequestTimeoutMs } from "@/server/config";
import { adminFor, producerFor } from "@/server/kafka/client-registry";
import { withTimeout } from "@/server/kafka/with-timeout";
import { registryTargetFor } from "./registry-settings";
import { resolveSubjectVersion } from "./resolve-schema";
import { topicContract } from "./topic-contracts";

// Produces a value encoded with a schema: the JSON value is checked against it first (every problem with its
// field path), then encoded — framed for the registry (magic byte, schema id, and for Protobuf the message
// indexes) when the schema is a registry subject's, as bare bytes when it is the topic's contract.

export interface ProducedWithSchema {
  partition: number;
  offset: string;
  format: "avro" | "protobuf" | "json-schema";
  schemaId?: number;
  subject?: string;
  version?: number;
  bytes: number;
}

interface Encoder {
  codec: SchemaCodec;
  wrap: (payload: Uint8Array) => Uint8Array;
  what: { schemaId?: number; subject?: string; version?: number };
}

async function encoderFor(cluster: Cluster, topic: string, choice: ValueSchemaChoice): Promise<Encoder> {
  if (choice.source === "contract") {
    const found = await topicContract(cluster.id, topic, choice.designId);
    if (!found) throw new AppError("NOT_FOUND", { userMessage: `No design bound to this cluster has a contract for topic "${topic}" (it may have been changed or unbound).` });
    const compiled = compileSchema(found.contract.value);
    if (!compiled.ok) throw new AppError("VALIDATION", { userMessage: `The contract of "${topic}" in design "${found.designName}" does not compile: ${compiled.problem.message}` });
    return { codec: compiled.codec, wrap: (p) => p, what: {} };
  }
  const resolved = await resolveSubjectVersion(await registryTargetFor(cluster.id), choice.subject, choice.version);
  const compiled = compileSchema({ format: registryFormat(resolved.schemaType), text: resolved.schema, messageType: choice.messageType }, { references: resolved.references });
  if (!compiled.ok) throw new AppError("VALIDATION", { userMessage: `Subject "${choice.subject}" version ${resolved.version}: Topiary cannot use its schema: ${compiled.problem.message}` });
  const codec = compiled.codec;
  const indexes = codec.format === "protobuf" ? messageIndexesOf(codec.messageTypes, codec.messageType!) : null;
  return { codec, wrap: (p) => frame(resolved.id, p, indexes ?? undefined), what: { schemaId: resolved.id, subject: resolved.subject, version: resolved.version } };
}

export async function produceWithSchema(cluster: Cluster, input: z.output<typeof produceWithSchemaInputSchema>): Promise<ProducedWithSchema> {
  let value: unknown;
  try {
    value = JSON.parse(input.value);
  } catch (e) {
    throw new AppError("VALIDATION", { userMessage: `The value is not valid JSON: ${(e as Error).message}`, fieldErrors: { value: `Not valid JSON: ${(e as Error).message}` } });
  }
  const { codec, wrap, what } = await encoderFor(cluster, input.topic, input.schema);
  const encoded = codec.encode(value);
  if (!encoded.ok) {
    const list = encoded.problems.map((p) => `${p.path || "(the value)"}: ${p.message}`).join("; ");
    throw new AppError("VALIDATION", { userMessage: `${encoded.reason}${list ? `: ${list}` : ""}`, fieldErrors: { value: list || encoded.reason } });
  }
  const bytes = Buffer.from(wrap(encoded.bytes));
  return withTimeout(
    (async () => {
      const admin = await adminFor(cluster);
      if (!(await admin.listTopics()).includes(input.topic)) throw new AppError("NOT_FOUND", { userMessage: `Topic "${input.topic}" does not exist on this cluster.` });
      const [meta] = await (await producerFor(cluster)).send({
        topic: input.topic,
        acks: -1,
        messages: [{ key: input.key, value: bytes, headers: Object.fromEntries(input.headers.map((h) => [h.key, h.value])), ...(input.partition !== null ? { partition: input.partition } : {}) }],
      });
      return { partition: meta.partition, offset: String(meta.baseOffset ?? meta.offset ?? ""), format: codec.format, ...what, bytes: bytes.length };
    })(),
    kafkaRequestTimeoutMs() + 2000,
    "producing a message",
  );
}
