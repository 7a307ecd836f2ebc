import "server-only";
import type { RegistrySchemaType, SchemaReference, VersionRef } from "@/lib/registry/registry-schemas";
import { registryCall, registryPath, RegistryError, type RegistryTarget } from "./registry-client";
import type { RawVersion } from "./registry-reads";

// A registry schema ready to compile: its text and the texts of everything it refers to, resolved through the
// registry (references name subject-versions; theirs are followed too). Schemas by id are kept per registry:
// a schema id never changes what it names, so each is fetched once per process (until the settings change).

export interface ResolvedSchema {
  id: number;
  schemaType: RegistrySchemaType;
  schema: string;
  /** Reference name → schema text, dependencies before what depends on them (Avro parses them in this order). */
  references: Record<string, string>;
  /** Subject and version when known (a schema fetched by id names them when the registry says). */
  subject?: string;
  version?: number;
}

const MAX_REFERENCES = 200;

async function resolveReferences(target: RegistryTarget, refs: SchemaReference[] | undefined, out: Record<string, string>, seen: Set<string>): Promise<void> {
  for (const r of refs ?? []) {
    const key = `${r.subject}\u0000${r.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (seen.size > MAX_REFERENCES) throw new Error(`more than ${MAX_REFERENCES} schema references`);
    const v = await registryCall<RawVersion>(target, "GET", registryPath("subjects", r.subject, "versions", r.version), { query: { deleted: true } });
    await resolveReferences(target, v.references, out, seen);
    out[r.name] = v.schema;
  }
}

/** A subject's version (or latest) with its references resolved. */
export async function resolveSubjectVersion(target: RegistryTarget, subject: string, version: VersionRef): Promise<ResolvedSchema> {
  const v = await registryCall<RawVersion>(target, "GET", registryPath("subjects", subject, "versions", version));
  const references: Record<string, string> = {};
  await resolveReferences(target, v.references, references, new Set());
  return { id: v.id, schemaType: v.schemaType ?? "AVRO", schema: v.schema, references, subject: v.subject, version: v.version };
}

const CACHE_SIZE = 2000;
const g = globalThis as unknown as { topiarySchemasById?: Map<string, Promise<ResolvedSchema>>; topiarySchemaFetches?: number };
const cache = (g.topiarySchemasById ??= new Map());

/** How many schemas were fetched by id since the process started (the scan benchmark prints it). */
export const schemaFetchCount = () => g.topiarySchemaFetches ?? 0;

/** A schema by id, fetched once per registry and id (a failed fetch is not kept: the next search asks again). */
export function schemaById(target: RegistryTarget, id: number): Promise<ResolvedSchema> {
  const key = `${target.cacheKey}#${id}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const fetching = (async () => {
    g.topiarySchemaFetches = (g.topiarySchemaFetches ?? 0) + 1;
    const s = await registryCall<{ schema: string; schemaType?: RegistrySchemaType; references?: SchemaReference[] }>(target, "GET", registryPath("schemas", "ids", id));
    const references: Record<string, string> = {};
    await resolveReferences(target, s.references, references, new Set());
    // Which subject-version it is, when the registry serves that (display only).
    const where = await registryCall<{ subject: string; version: number }[]>(target, "GET", registryPath("schemas", "ids", id, "versions")).catch((e) => {
      if (e instanceof RegistryError) return [];
      throw e;
    });
    return { id, schemaType: s.schemaType ?? "AVRO", schema: s.schema, references, ...(where[0] ? { subject: where[0].subject, version: where[0].version } : {}) };
  })();
  cache.set(key, fetching);
  fetching.catch(() => cache.delete(key));
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return fetching;
}
