"use server";
// Validation while drawing a connector (issue 14, item 5): Connect's own check of the node's config on the
// design's bound cluster. Changes nothing, so it is not audited; it needs the role that edits the design.
import { validateDesignConnectorInputSchema } from "@/lib/connect/design-connector-validation";
import { validateDesignConnector } from "@/server/connect/validate-design-connector";
import { boundClusterOf } from "@/server/designs/design-cluster";
import { guardedAction } from "@/server/guard/guarded-action";

export const validateDesignConnectorAction = guardedAction(
  { name: "validateDesignConnector", input: validateDesignConnectorInputSchema, permission: "designs:write", clusterId: (i) => boundClusterOf(i.designId) },
  async ({ node, topics }, { cluster }) => validateDesignConnector(cluster, node, topics),
);
