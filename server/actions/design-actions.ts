"use server";
// Server actions for designs: thin wrappers over server/designs/* through the one guarded path.
import {
  bindDesignInputSchema,
  createDesignInputSchema,
  deleteDesignInputSchema,
  duplicateDesignInputSchema,
  importDesignFileInputSchema,
  renameDesignInputSchema,
  restoreRevisionInputSchema,
  saveLayoutInputSchema,
  saveTopologyInputSchema,
} from "@/lib/designs/design-inputs";
import { createDesign } from "@/server/designs/create-design";
import { bindDesign, deleteDesign, duplicateDesign, renameDesign } from "@/server/designs/manage-design";
import { importDesignFile } from "@/server/designs/import-design-file";
import { restoreRevision } from "@/server/designs/revisions";
import { saveLayout, saveTopology } from "@/server/designs/save-design";
import { guardedAction } from "@/server/guard/guarded-action";

const write = { permission: "designs:write" } as const;

export const createDesignAction = guardedAction({ name: "createDesign", input: createDesignInputSchema, ...write }, (input, { principal }) =>
  createDesign(input, principal),
);

export const importDesignFileAction = guardedAction({ name: "importDesignFile", input: importDesignFileInputSchema, ...write }, (input, { principal }) =>
  importDesignFile(input.fileName, input.text, principal),
);

export const saveTopologyAction = guardedAction({ name: "saveTopology", input: saveTopologyInputSchema, ...write }, (input, { principal }) =>
  saveTopology(input.id, input.baseVersion, input.topology, principal),
);

export const saveLayoutAction = guardedAction({ name: "saveLayout", input: saveLayoutInputSchema, ...write }, (input) => saveLayout(input.id, input.layout));

export const renameDesignAction = guardedAction({ name: "renameDesign", input: renameDesignInputSchema, ...write }, (input) => renameDesign(input.id, input.name));

export const duplicateDesignAction = guardedAction({ name: "duplicateDesign", input: duplicateDesignInputSchema, ...write }, (input, { principal }) =>
  duplicateDesign(input.id, input.name, principal),
);

export const deleteDesignAction = guardedAction({ name: "deleteDesign", input: deleteDesignInputSchema, ...write }, (input) =>
  deleteDesign(input.id, input.confirmName),
);

export const bindDesignAction = guardedAction(
  { name: "bindDesign", input: bindDesignInputSchema, ...write, clusterId: (i) => i.clusterId ?? undefined },
  (input) => bindDesign(input.id, input.clusterId),
);

export const restoreRevisionAction = guardedAction({ name: "restoreRevision", input: restoreRevisionInputSchema, ...write }, (input, { principal }) =>
  restoreRevision(input.id, input.number, input.baseVersion, principal),
);
