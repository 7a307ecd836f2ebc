import "server-only";
import { z } from "zod";
import { auditQuerySchema } from "@/lib/audit/audit-query";
import type { GuardDefinition } from "@/server/guard/run-guarded";

// The audit log is read by admins on every cluster ("audit:read"); nothing in the app writes to it but the
// guarded path and sign-in, and nothing changes or removes a record.
export const listAuditDef = { name: "listAudit", input: auditQuerySchema, permission: "audit:read" } satisfies GuardDefinition<typeof auditQuerySchema>;

const noInput = z.object({});
export const auditFacetsDef = { name: "listAuditFacets", input: noInput, permission: "audit:read" } satisfies GuardDefinition<typeof noInput>;
