"use client";
import Link from "next/link";
import { useCan } from "@/components/auth/me-context";

/** "Add cluster", offered only to an admin on every cluster: the clusters page is a server component. */
export function AddClusterLink() {
  const mayManage = useCan("clusters:manage", null);
  if (!mayManage) return null;
  return (
    <Link className="button-link primary" href="/clusters/new">
      Add cluster
    </Link>
  );
}
