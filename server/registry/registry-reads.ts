import "server-only";
import { mapLimit } from "@/lib/async/map-limit";
import type { CompatibilityLevel, RegistryMode, RegistrySchemaType, SchemaReference, VersionRef } from "@/lib/registry/registry-schemas";
import type { RegistryStatus, SchemaVersionView, SubjectDetail, SubjectPage, SubjectRow } from "@/lib/registry/registry-types";
import { errorMessage } from "@/lib/contracts/json-safe";
import { registryCall, registryPath, RegistryError, type RegistryTarget } from "./registry-client";
import { findRegistryRow, toRegistrySettingsView } from "./registry-settings";
import { registryTargetOf } from "./registry-client";

// What the Schema Registry pages read: subjects (searched and paged here, details for the page's rows only),
// one subject with its versions, compatibility level, mode and references, one version's schema.

const ROW_CALLS_IN_FLIGHT = 8;

/** A subject-version as the registry answers it (schemaType is absent for Avro). */
export interface RawVersion {
  subject: string;
  version: number;
  id: number;
  schemaType?: RegistrySchemaType;
  schema: string;
  references?: SchemaReference[];
}

const isNotFound = (e: unknown) => e instanceof RegistryError && e.status === 404;

export function toVersionView(v: RawVersion, deleted = false): SchemaVersionView {
  return { subject: v.subject, version: v.version, id: v.id, schemaType: v.schemaType ?? "AVRO", schema: v.schema, references: v.references ?? [], deleted };
}

export async function globalCompatibility(target: RegistryTarget): Promise<CompatibilityLevel> {
  return (await registryCall<{ compatibilityLevel: CompatibilityLevel }>(target, "GET", "/config")).compatibilityLevel;
}

/** The subject's own level, or null when it has none (the global one applies). */
async function subjectCompatibility(target: RegistryTarget, subject: string): Promise<CompatibilityLevel | null> {
  try {
    return (await registryCall<{ compatibilityLevel: CompatibilityLevel }>(target, "GET", registryPath("config", subject))).compatibilityLevel;
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

async function modeOf(target: RegistryTarget, subject: string | null): Promise<RegistryMode | null> {
  try {
    return (await registryCall<{ mode: RegistryMode }>(target, "GET", subject === null ? "/mode" : registryPath("mode", subject))).mode;
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

/** The registry page's head: settings (no secret), and the registry's global level and mode, or why it did not answer. */
export async function registryStatus(clusterId: string): Promise<RegistryStatus> {
  const row = await findRegistryRow(clusterId);
  if (!row) return { settings: null };
  const settings = toRegistrySettingsView(row);
  try {
    const target = registryTargetOf(row);
    const [compatibility, mode] = await Promise.all([globalCompatibility(target), modeOf(target, null)]);
    return { settings, compatibility, ...(mode ? { mode } : {}) };
  } catch (e) {
    return { settings, error: (e as { userMessage?: string }).userMessage ?? errorMessage(e) };
  }
}

export async function listSubjects(target: RegistryTarget, q: { search: string; deleted: boolean; offset: number; limit: number }): Promise<SubjectPage> {
  const live = await registryCall<string[]>(target, "GET", "/subjects");
  const all = q.deleted ? await registryCall<string[]>(target, "GET", "/subjects", { query: { deleted: true } }) : live;
  const liveSet = new Set(live);
  const needle = q.search.trim().toLowerCase();
  const names = [...new Set(all)].filter((s) => !needle || s.toLowerCase().includes(needle)).sort((a, b) => a.localeCompare(b));
  const page = names.slice(q.offset, q.offset + q.limit);
  let global: CompatibilityLevel | null = null;
  const rows = await mapLimit(page, ROW_CALLS_IN_FLIGHT, async (subject): Promise<SubjectRow> => {
    const deleted = !liveSet.has(subject);
    const row: SubjectRow = { subject, deleted, latestVersion: null, schemaId: null, schemaType: null, compatibility: null, compatibilityIsGlobal: false };
    try {
      const latest = deleted ? await newestVersion(target, subject, true) : await registryCall<RawVersion>(target, "GET", registryPath("subjects", subject, "versions", "latest"));
      const own = await subjectCompatibility(target, subject);
      if (own === null) global ??= await globalCompatibility(target);
      Object.assign(row, { latestVersion: latest.version, schemaId: latest.id, schemaType: latest.schemaType ?? "AVRO", compatibility: own ?? global, compatibilityIsGlobal: own === null });
    } catch (e) {
      row.error = (e as { userMessage?: string }).userMessage ?? errorMessage(e);
    }
    return row;
  });
  return { rows, total: names.length };
}

async function newestVersion(target: RegistryTarget, subject: string, deleted: boolean): Promise<RawVersion> {
  const versions = await registryCall<number[]>(target, "GET", registryPath("subjects", subject, "versions"), { query: { deleted } });
  return registryCall<RawVersion>(target, "GET", registryPath("subjects", subject, "versions", Math.max(...versions)), { query: { deleted } });
}

/** The subject's versions that are not soft-deleted ([] when every one is). */
async function liveVersions(target: RegistryTarget, subject: string): Promise<number[]> {
  try {
    return await registryCall<number[]>(target, "GET", registryPath("subjects", subject, "versions"));
  } catch (e) {
    if (isNotFound(e)) return [];
    throw e;
  }
}

export async function getVersion(target: RegistryTarget, subject: string, version: VersionRef): Promise<SchemaVersionView> {
  const [v, live] = await Promise.all([
    registryCall<RawVersion>(target, "GET", registryPath("subjects", subject, "versions", version), { query: { deleted: true } }),
    liveVersions(target, subject),
  ]);
  return toVersionView(v, !live.includes(v.version));
}

export async function describeSubject(target: RegistryTarget, subject: string): Promise<SubjectDetail> {
  const versions = await registryCall<number[]>(target, "GET", registryPath("subjects", subject, "versions"), { query: { deleted: true } });
  const live = await liveVersions(target, subject);
  const newest = live.length ? Math.max(...live) : Math.max(...versions);
  const [latest, own, ownMode] = await Promise.all([
    registryCall<RawVersion>(target, "GET", registryPath("subjects", subject, "versions", newest), { query: { deleted: true } }),
    subjectCompatibility(target, subject),
    modeOf(target, subject),
  ]);
  const [global, globalMode, referencedBy] = await Promise.all([
    own === null ? globalCompatibility(target) : Promise.resolve(own),
    ownMode === null ? modeOf(target, null) : Promise.resolve(ownMode),
    registryCall<number[]>(target, "GET", registryPath("subjects", subject, "versions", newest, "referencedby")).catch(() => []),
  ]);
  return {
    subject,
    versions: [...versions].sort((a, b) => a - b),
    deletedVersions: versions.filter((v) => !live.includes(v)).sort((a, b) => a - b),
    compatibility: own ?? global,
    compatibilityIsGlobal: own === null,
    mode: ownMode ?? globalMode,
    modeIsGlobal: ownMode === null,
    latest: toVersionView(latest, !live.includes(latest.version)),
    referencedBy,
  };
}
