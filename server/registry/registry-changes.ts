import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { CompatibilityLevel, RegistryMode, SchemaText, VersionRef } from "@/lib/registry/registry-schemas";
import type { CompatibilityVerdict } from "@/lib/registry/registry-types";
import { registryCall, registryPath, RegistryError, type RegistryTarget } from "./registry-client";
import { globalCompatibility } from "./registry-reads";

// Changes to a registry (register, delete, compatibility level, mode) and the compatibility check, each one call
// of Confluent's API; the registry's answer (or its error_code and message) is what the user sees.

const body = (s: SchemaText) => ({ schema: s.schema, ...(s.schemaType !== "AVRO" ? { schemaType: s.schemaType } : {}), ...(s.references.length ? { references: s.references } : {}) });

/** Registers a schema under a subject; the answer names the id and the version it got (an identical schema keeps its version). */
export async function registerSchema(target: RegistryTarget, subject: string, schema: SchemaText): Promise<{ id: number; version: number | null }> {
  const { id } = await registryCall<{ id: number }>(target, "POST", registryPath("subjects", subject, "versions"), { body: body(schema) });
  const found = await registryCall<{ version: number }>(target, "POST", registryPath("subjects", subject), { body: body(schema) }).catch(() => null);
  return { id, version: found?.version ?? null };
}

/** Whether a schema is compatible with a version (or every version the level names), with the registry's messages. */
export async function checkCompatibility(target: RegistryTarget, subject: string, version: VersionRef, schema: SchemaText): Promise<CompatibilityVerdict> {
  let answer: { is_compatible: boolean; messages?: string[] };
  try {
    answer = await registryCall(target, "POST", registryPath("compatibility", "subjects", subject, "versions", version), { body: body(schema), query: { verbose: true } });
  } catch (e) {
    // A subject with no version yet: anything is compatible with nothing.
    if (e instanceof RegistryError && e.errorCode === 40401) return { compatible: true, messages: ["The subject has no version yet: any valid schema can be its first."], level: await levelOf(target, subject), against: version };
    throw e;
  }
  return { compatible: answer.is_compatible, messages: answer.messages ?? [], level: await levelOf(target, subject), against: version };
}

async function levelOf(target: RegistryTarget, subject: string): Promise<CompatibilityLevel> {
  try {
    return (await registryCall<{ compatibilityLevel: CompatibilityLevel }>(target, "GET", registryPath("config", subject))).compatibilityLevel;
  } catch {
    return globalCompatibility(target);
  }
}

function confirmed(subject: string, confirmName: string) {
  if (confirmName !== subject) throw new AppError("VALIDATION", { userMessage: `Type the subject's name ("${subject}") to confirm`, fieldErrors: { confirmName: "Does not match the subject" } });
}

/** Soft delete (every version), or permanent delete of a soft-deleted subject; answers the versions deleted. */
export async function deleteSubject(target: RegistryTarget, subject: string, permanent: boolean, confirmName: string): Promise<{ versions: number[] }> {
  confirmed(subject, confirmName);
  const versions = await registryCall<number[]>(target, "DELETE", registryPath("subjects", subject), { query: { permanent } });
  return { versions };
}

export async function deleteVersion(target: RegistryTarget, subject: string, version: number, permanent: boolean, confirmName: string): Promise<{ version: number }> {
  confirmed(subject, confirmName);
  const deleted = await registryCall<number>(target, "DELETE", registryPath("subjects", subject, "versions", version), { query: { permanent } });
  return { version: deleted };
}

/** Sets the level (globally when subject is null); a null level removes the subject's own (the global one applies). */
export async function setCompatibility(target: RegistryTarget, subject: string | null, level: CompatibilityLevel | null): Promise<{ level: CompatibilityLevel | null }> {
  const path = subject === null ? "/config" : registryPath("config", subject);
  if (level === null) {
    if (subject === null) throw new AppError("VALIDATION", { userMessage: "The global compatibility level cannot be removed, only changed" });
    await registryCall(target, "DELETE", path);
    return { level: null };
  }
  await registryCall(target, "PUT", path, { body: { compatibility: level } });
  return { level };
}

export async function setMode(target: RegistryTarget, subject: string | null, mode: RegistryMode | null): Promise<{ mode: RegistryMode | null }> {
  const path = subject === null ? "/mode" : registryPath("mode", subject);
  if (mode === null) {
    if (subject === null) throw new AppError("VALIDATION", { userMessage: "The global mode cannot be removed, only changed" });
    await registryCall(target, "DELETE", path);
    return { mode: null };
  }
  await registryCall(target, "PUT", path, { body: { mode } });
  return { mode };
}
