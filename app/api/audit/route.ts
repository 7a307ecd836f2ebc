import { listAuditDef } from "@/server/audit/audit-page-reads";
import { listAudit } from "@/server/audit/list-audit";
import { guardedRoute } from "@/server/guard/guarded-route";

// Read only: the audit log has no route or action that changes or removes a record.
export const dynamic = "force-dynamic";
export const GET = guardedRoute(listAuditDef, (input) => listAudit(input));
