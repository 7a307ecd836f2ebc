"use server";
// Server actions for the Schema Registry: thin wrappers over server/registry/* through the one guarded path.
// The registry's URL and credentials are cluster settings: clusters:manage, written with their audit record.
// Registering, deleting and changing a level or mode are registry:write (admin), refused on a read-only cluster
// and audited after the fact with their outcome; checking compatibility changes nothing (registry:read).
import {
  checkCompatibilityInputSchema,
  deleteSubjectInputSchema,
  deleteVersionInputSchema,
  registerSchemaInputSchema,
  removeRegistryInputSchema,
  saveRegistrySettingsInputSchema,
  setCompatibilityInputSchema,
  setModeInputSchema,
} from "@/lib/registry/registry-schemas";
import { guardedAction } from "@/server/guard/guarded-action";
import { checkCompatibility, deleteSubject, deleteVersion, registerSchema, setCompatibility, setMode } from "@/server/registry/registry-changes";
import { globalCompatibility } from "@/server/registry/registry-reads";
import { registryTargetFor, removeRegistrySettings, saveRegistrySettings, targetForValues } from "@/server/registry/registry-settings";

export const saveRegistrySettingsAction = guardedAction(
  {
    name: "saveRegistrySettings",
    input: saveRegistrySettingsInputSchema,
    permission: "clusters:manage",
    clusterId: (i) => i.clusterId,
    audit: { action: "registry.settings.save", target: (i) => `${i.url} (${i.authKind === "none" ? "no auth" : `${i.authKind} auth`})` },
  },
  async ({ clusterId, ...values }) => saveRegistrySettings(clusterId, values),
);

// Not audited: asking the registry for its level changes nothing.
export const testRegistrySettingsAction = guardedAction(
  { name: "testRegistrySettings", input: saveRegistrySettingsInputSchema, permission: "clusters:manage", clusterId: (i) => i.clusterId },
  async ({ clusterId, ...values }) => ({ compatibility: await globalCompatibility(await targetForValues(clusterId, values)) }),
);

export const removeRegistrySettingsAction = guardedAction(
  {
    name: "removeRegistrySettings",
    input: removeRegistryInputSchema,
    permission: "clusters:manage",
    clusterId: (i) => i.clusterId,
    audit: { action: "registry.settings.remove", target: (i) => i.confirmUrl },
  },
  async ({ clusterId, confirmUrl }) => removeRegistrySettings(clusterId, confirmUrl),
);

export const registerSchemaAction = guardedAction(
  {
    name: "registerSchema",
    input: registerSchemaInputSchema,
    permission: "registry:write",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    audit: { action: "registry.schema.register", target: (i, r?: { id: number; version: number | null }) => `${i.subject}${r ? ` (id ${r.id}${r.version ? `, version ${r.version}` : ""})` : ""}` },
  },
  async ({ clusterId, subject, ...schema }) => registerSchema(await registryTargetFor(clusterId), subject, schema),
);

export const checkCompatibilityAction = guardedAction(
  { name: "checkCompatibility", input: checkCompatibilityInputSchema, permission: "registry:read", clusterId: (i) => i.clusterId },
  async ({ clusterId, subject, version, ...schema }) => checkCompatibility(await registryTargetFor(clusterId), subject, version, schema),
);

export const deleteSubjectAction = guardedAction(
  {
    name: "deleteSubject",
    input: deleteSubjectInputSchema,
    permission: "registry:write",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    audit: { action: "registry.subject.delete", target: (i) => `${i.subject}${i.permanent ? " (permanently)" : ""}` },
  },
  async ({ clusterId, subject, permanent, confirmName }) => deleteSubject(await registryTargetFor(clusterId), subject, permanent, confirmName),
);

export const deleteVersionAction = guardedAction(
  {
    name: "deleteSchemaVersion",
    input: deleteVersionInputSchema,
    permission: "registry:write",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    audit: { action: "registry.version.delete", target: (i) => `${i.subject} version ${i.version}${i.permanent ? " (permanently)" : ""}` },
  },
  async ({ clusterId, subject, version, permanent, confirmName }) => deleteVersion(await registryTargetFor(clusterId), subject, version, permanent, confirmName),
);

export const setCompatibilityAction = guardedAction(
  {
    name: "setCompatibility",
    input: setCompatibilityInputSchema,
    permission: "registry:write",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    audit: { action: "registry.compatibility.set", target: (i) => `${i.subject ?? "(global)"}: ${i.level ?? "global default"}` },
  },
  async ({ clusterId, subject, level }) => setCompatibility(await registryTargetFor(clusterId), subject, level),
);

export const setModeAction = guardedAction(
  {
    name: "setRegistryMode",
    input: setModeInputSchema,
    permission: "registry:write",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    audit: { action: "registry.mode.set", target: (i) => `${i.subject ?? "(global)"}: ${i.mode ?? "global default"}` },
  },
  async ({ clusterId, subject, mode }) => setMode(await registryTargetFor(clusterId), subject, mode),
);
