"use server";
// Server actions for designs: thin wrappers over server/designs/* through the one guarded path.
import {
  bindDesignInputSchema,
  createDesignInputSchema,
  deleteDesignInputSchema,
  duplicateDesignInputSchema,
  importDesignFileInputSchema,
  importDesignFilesInputSchema,
  renameDesignInputSchema,
  restoreRevisionInputSchema,
  saveLayoutInputSchema,
  saveTopologyInputSchema,
} from "@/lib/designs/design-inputs";
import { createDesign } from "@/server/designs/create-design";
import { bindDesign, deleteDesign, duplicateDesign, renameDesign } from "@/server/designs/manage-design";
import { importDesignFile, importDesignFiles } from "@/server/designs/import-design-file";
import { restoreRevision } from "@/server/designs/revisions";
import { saveLayout, saveTopology } from "@/server/designs/save-design";
import { boundClusterOf, designName } from "@/server/designs/design-cluster";
import { authorize } from "@/server/guard/authorize";
import { guardedAction } from "@/server/guard/guarded-action";

const write = { permission: "designs:write" } as const;
/** A change to an existing design needs the role on the cluster it is bound to. */
const onBound = { clusterId: (i: { id: string }) => boundClusterOf(i.id) };

// Every design change is audited under the design's name (looked up before the change: a delete removes it).
const named = async (i: { id: string }) => designName(i.id);
export const createDesignAction = guardedAction(
  { name: "createDesign", input: createDesignInputSchema, ...write, clusterId: (i) => i.clusterId, audit: { action: "design.create", target: (i) => i.name } },
  (input, { principal }) => createDesign(input, principal),
);

export const importDesignFileAction = guardedAction(
  { name: "importDesignFile", input: importDesignFileInputSchema, ...write, audit: { action: "design.import", target: (i) => i.fileName } },
  (input, { principal }) => importDesignFile(input.fileName, input.text, principal, { name: input.name }),
);

export const importDesignFilesAction = guardedAction(
  {
    name: "importDesignFiles",
    input: importDesignFilesInputSchema,
    ...write,
    audit: { action: "design.import", target: (i) => `${i.files[0].path}${i.files.length > 1 ? ` and ${i.files.length - 1} more` : ""}` },
  },
  (input, { principal }) => importDesignFiles(input.files, principal, { name: input.name }),
);

export const saveTopologyAction = guardedAction(
  { name: "saveTopology", input: saveTopologyInputSchema, ...write, ...onBound, audit: { action: "design.save", targetBefore: named, target: (i) => i.id } },
  (input, { principal }) => saveTopology(input.id, input.baseVersion, input.topology, principal),
);

export const saveLayoutAction = guardedAction(
  { name: "saveLayout", input: saveLayoutInputSchema, ...write, ...onBound, audit: { action: "design.layout", targetBefore: named, target: (i) => i.id } },
  (input) => saveLayout(input.id, input.layout),
);

export const renameDesignAction = guardedAction(
  { name: "renameDesign", input: renameDesignInputSchema, ...write, ...onBound, audit: { action: "design.rename", targetBefore: async (i) => `${(await designName(i.id)) ?? i.id} → ${i.name}` } },
  (input) => renameDesign(input.id, input.name),
);

export const duplicateDesignAction = guardedAction(
  { name: "duplicateDesign", input: duplicateDesignInputSchema, ...write, ...onBound, audit: { action: "design.duplicate", targetBefore: named, target: (i) => i.id } },
  (input, { principal }) => duplicateDesign(input.id, input.name, principal),
);

export const deleteDesignAction = guardedAction(
  { name: "deleteDesign", input: deleteDesignInputSchema, ...write, ...onBound, audit: { action: "design.delete", targetBefore: named, target: (i) => i.id } },
  (input) => deleteDesign(input.id, input.confirmName),
);

export const bindDesignAction = guardedAction(
  {
    name: "bindDesign",
    input: bindDesignInputSchema,
    ...write,
    clusterId: (i) => i.clusterId ?? undefined,
    audit: { action: "design.bind", targetBefore: named, target: (i) => i.id },
  },
  async (input, { principal }) => {
    // Moving a design off a cluster is a change there too: it needs the role on the cluster it leaves as well.
    const from = await boundClusterOf(input.id);
    if (from && from !== input.clusterId) await authorize(principal, "designs:write", from);
    return bindDesign(input.id, input.clusterId);
  },
);

export const restoreRevisionAction = guardedAction(
  {
    name: "restoreRevision",
    input: restoreRevisionInputSchema,
    ...write,
    ...onBound,
    audit: { action: "design.restore", targetBefore: async (i) => `${(await designName(i.id)) ?? i.id} (revision ${i.number})` },
  },
  (input, { principal }) => restoreRevision(input.id, input.number, input.baseVersion, principal),
);
