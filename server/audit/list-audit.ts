import "server-only";
import { AUDIT_PAGE_SIZE, AUTOSAVE_ACTIONS, hidesAutosaves, type AuditPage, type AuditQuery } from "@/lib/audit/audit-query";
import type { Prisma } from "@/prisma/generated/client";
import { prisma } from "@/server/db/prisma";

/** One page of the audit log, newest first, filtered in the database. Reads only: nothing changes a record. */
export async function listAudit(q: AuditQuery): Promise<AuditPage> {
  const where: Prisma.AuditRecordWhereInput = {
    ...(q.user ? { username: q.user } : {}),
    ...(q.action || hidesAutosaves(q)
      ? { action: { ...(q.action ? { startsWith: q.action } : {}), ...(hidesAutosaves(q) ? { notIn: [...AUTOSAVE_ACTIONS] } : {}) } }
      : {}),
    ...(q.cluster ? { clusterId: q.cluster } : {}),
    ...(q.outcome ? { outcome: q.outcome } : {}),
    ...(q.from || q.to ? { at: { ...(q.from ? { gte: new Date(q.from) } : {}), ...(q.to ? { lt: new Date(q.to) } : {}) } } : {}),
  };
  const [rows, matched] = await Promise.all([
    // The id breaks ties between records written in the same millisecond.
    prisma.auditRecord.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], skip: q.page * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE }),
    prisma.auditRecord.count({ where }),
  ]);
  return {
    records: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      username: r.username,
      action: r.action,
      clusterId: r.clusterId,
      clusterName: r.clusterName,
      target: r.target,
      outcome: r.outcome,
      detail: r.detail,
    })),
    matched,
    page: q.page,
    pageSize: AUDIT_PAGE_SIZE,
  };
}
