import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { Prisma } from "@/prisma/generated/client";
import { prisma } from "@/server/db/prisma";
import { auditRow, type AuditEntry } from "./record-audit";

// A change to the store commits together with its audit record: an operation writes through
// `auditedTransaction`, which adds the record of the guarded operation it runs under (run-guarded.ts) to the
// same transaction. If the record cannot be written, the change is not made either, and the action fails.
// Operations that change Kafka are audited after the fact by the guarded path ("succeeded" or "failed"): a
// Kafka change cannot share a database transaction.

export interface PendingAudit {
  /** The record for a change that succeeded with this result. */
  entry: (result: unknown) => AuditEntry;
  committed: boolean;
}

const pending = new AsyncLocalStorage<PendingAudit>();

/** Runs `fn` (the guarded handler) with its audit record waiting for the first audited transaction. */
export function withPendingAudit<T>(audit: PendingAudit, fn: () => Promise<T>): Promise<T> {
  return pending.run(audit, fn);
}

/** A transaction that also writes the current guarded operation's audit record (once per operation). */
export async function auditedTransaction<T>(fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  const audit = pending.getStore();
  let wrote = false;
  const result = await prisma.$transaction(async (tx) => {
    const r = await fn(tx);
    if (audit && !audit.committed) {
      await tx.auditRecord.create({ data: auditRow(audit.entry(r)) });
      wrote = true;
    }
    return r;
  });
  if (audit && wrote) audit.committed = true;
  return result;
}
