import { z } from "zod";
import { clusterIdSchema } from "@/lib/clusters/cluster-schema";
import { aclBindingSchema } from "./acl-model";

const bindings = z.array(aclBindingSchema).max(200, "At most 200 bindings in one change");

/** Bindings to create and to delete on one cluster, to preview. */
export const aclChangeInputSchema = z
  .object({ clusterId: clusterIdSchema, add: bindings.default([]), remove: bindings.default([]) })
  .refine((v) => v.add.length + v.remove.length > 0, "Nothing to change");
export type AclChangeInput = z.input<typeof aclChangeInputSchema>;

/**
 * The same, confirmed: with the basis of the preview that was shown (refused when the bindings it was computed
 * from changed since) and, when it deletes, the principal of the deleted bindings typed back (one principal
 * per change that deletes).
 */
export const applyAclChangeInputSchema = z
  .object({
    clusterId: clusterIdSchema,
    add: bindings.default([]),
    remove: bindings.default([]),
    basis: z.string().min(1).max(64),
    confirmPrincipal: z.string().max(512).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.add.length + v.remove.length === 0) ctx.addIssue({ code: "custom", message: "Nothing to change" });
    const principals = [...new Set(v.remove.map((b) => b.principal))];
    if (principals.length > 1) ctx.addIssue({ code: "custom", path: ["remove"], message: "Delete the bindings of one principal at a time" });
    if (principals.length === 1 && v.confirmPrincipal !== principals[0]) {
      ctx.addIssue({ code: "custom", path: ["confirmPrincipal"], message: `Type the principal (${principals[0]}) to confirm the deletion` });
    }
  });
export type ApplyAclChangeInput = z.input<typeof applyAclChangeInputSchema>;
