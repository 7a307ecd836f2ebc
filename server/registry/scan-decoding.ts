import "server-only";
import { compileFilter, type MessageFilter } from "@/lib/messages/message-filter";
import { DISPLAY_LIMIT } from "@/lib/messages/decode";
import type { ScannedMessage } from "@/lib/messages/scan-events";
import type { ScanRequest } from "@/lib/messages/scan-schema";
import { decodePart, schemaIdOf, type DecodeSpec, type SchemalessSchema } from "@/lib/registry/payload-decoder.mjs";
import type { Cluster } from "@/prisma/generated/client";
import { errorMessage } from "@/lib/contracts/json-safe";
import { AppError } from "@/lib/errors/app-error";
import { optionalRegistryTarget } from "./registry-settings";
import { schemaById } from "./resolve-schema";
import { topicContract } from "./topic-contracts";

// A search's decoding: which schemas apply (the cluster's registry for framed values; the topic's contract or a
// pasted schema for unframed ones), the schemas of a batch's framed messages fetched on the main thread (each
// id once: schemaById keeps them) and handed to the filter's worker threads with the batch, and the rows the
// search shows decoded with the same code (lib/registry/payload-decoder.mjs). Decoding never fails a search: a
// message that does not decode keeps its raw bytes and says why.

/** Distinct unknown ids a search asks the registry about: bytes that only look framed must not flood it. */
const MAX_FAILED_IDS = 50;

interface MessageBytes {
  key: Uint8Array | null;
  value: Uint8Array | null;
}

export interface ScanDecoding {
  /** The filter with its byte-level prefilter fit for decoded values (string literals unquoted). */
  filter(f: MessageFilter): MessageFilter;
  /** Fetches what the batch's framed messages need; the spec a worker decodes the batch with. */
  prepare(batch: MessageBytes[]): Promise<DecodeSpec>;
  /** A result row with its key and value decoded (or why not). */
  annotate(row: ScannedMessage, c: MessageBytes): ScannedMessage;
}

function schemalessOf(spec: { format: SchemalessSchema["format"]; text: string; messageType?: string }, source: SchemalessSchema["source"]): SchemalessSchema {
  return { source, format: spec.format, text: spec.text, ...(spec.messageType ? { messageType: spec.messageType } : {}) };
}

export async function prepareScanDecoding(cluster: Cluster, req: ScanRequest): Promise<ScanDecoding | null> {
  const choice = req.decode;
  const target = choice?.registry === false ? null : await optionalRegistryTarget(cluster.id);
  let value: SchemalessSchema | null = null;
  let key: SchemalessSchema | null = null;
  if (choice?.value?.source === "contract") {
    const found = await topicContract(cluster.id, req.topic, choice.value.designId);
    if (!found) throw new AppError("NOT_FOUND", { userMessage: `No design bound to this cluster has a contract for topic "${req.topic}" (it may have been changed or unbound).` });
    value = schemalessOf(found.contract.value, "contract");
    key = found.contract.key ? schemalessOf(found.contract.key, "contract") : null;
  } else if (choice?.value?.source === "pasted") value = schemalessOf(choice.value, "pasted");
  if (!target && !value && !key) return null;

  const schemas: DecodeSpec["schemas"] = {};
  let failed = 0;
  const spec: DecodeSpec = { registryKey: target?.cacheKey ?? null, schemas, value, key };

  async function ensure(id: number | null) {
    if (id === null || !target || schemas[id]) return;
    if (failed >= MAX_FAILED_IDS) {
      schemas[id] = { error: `not fetched: this search already met ${MAX_FAILED_IDS} schema ids the registry does not know` };
      return;
    }
    try {
      const s = await schemaById(target, id);
      schemas[id] = { schemaType: s.schemaType, schema: s.schema, references: s.references, ...(s.subject ? { subject: s.subject, version: s.version } : {}) };
    } catch (e) {
      failed++;
      schemas[id] = { error: (e as { userMessage?: string }).userMessage ?? errorMessage(e) };
    }
  }

  return {
    filter(f) {
      const r = compileFilter(req.filters, req.expression, { decodedValues: true });
      return r.ok ? r.filter : f;
    },
    async prepare(batch) {
      if (!target) return spec;
      const ids = new Set<number>();
      for (const c of batch) {
        const v = schemaIdOf(c.value);
        if (v !== null) ids.add(v);
        const k = schemaIdOf(c.key);
        if (k !== null) ids.add(k);
      }
      const batchSchemas: DecodeSpec["schemas"] = {};
      for (const id of ids) {
        await ensure(id);
        batchSchemas[id] = schemas[id];
      }
      return { ...spec, schemas: batchSchemas };
    },
    annotate(row, c) {
      const v = decodePart(spec, "value", c.value);
      const k = decodePart(spec, "key", c.key);
      if (v) Object.assign(row, v.ok ? { value: shown(v.value, c.value!.length), valueSchema: v.with } : { valueSchema: v.with });
      if (k) Object.assign(row, k.ok ? { key: shown(k.value, c.key!.length), keySchema: k.with } : { keySchema: k.with });
      return row;
    },
  };
}

function shown(value: unknown, size: number): NonNullable<ScannedMessage["value"]> {
  const text = JSON.stringify(value);
  const cut = text.length > DISPLAY_LIMIT;
  return { encoding: "json", data: cut ? text.slice(0, DISPLAY_LIMIT) : text, size, truncated: cut };
}
