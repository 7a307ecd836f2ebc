import "server-only";
import { prisma } from "@/server/db/prisma";
import { logger } from "@/server/log";

export type AuditOutcome = "succeeded" | "failed" | "refused";

export interface AuditEntry {
  userId?: string | null;
  username: string;
  action: string;
  clusterId?: string | null;
  clusterName?: string | null;
  target?: string | null;
  outcome: AuditOutcome;
  detail?: string | null;
  /** The client's address (sign-in attempts). */
  address?: string | null;
}

/** The stored row of an audit entry (bounded lengths). */
export function auditRow(e: AuditEntry) {
  return {
    userId: e.userId ?? null,
    username: e.username.slice(0, 200),
    action: e.action,
    clusterId: e.clusterId ?? null,
    clusterName: e.clusterName ?? null,
    target: e.target?.slice(0, 1000) ?? null,
    outcome: e.outcome,
    detail: e.detail?.slice(0, 2000) ?? null,
    address: e.address?.slice(0, 100) ?? null,
  };
}

/**
 * Appends one audit record after the fact: for changes outside the store (Kafka), refusals and failures, and
 * sign-in attempts. The app only ever creates records (nothing updates or deletes them). A failure to write is
 * logged and does not hide the outcome of the change itself. Changes to the store write their record in the
 * same transaction instead (audited-transaction.ts).
 */
export async function recordAudit(e: AuditEntry): Promise<void> {
  try {
    await prisma.auditRecord.create({ data: auditRow(e) });
  } catch (err) {
    logger.error("audit record not written", { action: e.action, error: err });
  }
}
