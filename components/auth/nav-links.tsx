"use client";
import Link from "next/link";
import { useCan } from "./me-context";

/** The main navigation: the audit log only for those who may read it (admin on every cluster). */
export function NavLinks() {
  const mayAudit = useCan("audit:read", null);
  return (
    <nav aria-label="Main">
      <Link href="/designs">Designs</Link>
      <Link href="/clusters">Clusters</Link>
      <Link href="/applies">Applies</Link>
      {mayAudit && <Link href="/audit">Audit</Link>}
    </nav>
  );
}
