"use client";
import Link from "next/link";
import type { ClusterView } from "@/lib/clusters/cluster-schema";
import { tabPanelProps, Tabs, useUrlTab } from "@/components/ui/tabs";
import { AclBindingsBrowser } from "./acl-bindings-browser";
import { ClientQuotasPanel } from "./client-quotas-panel";
import { ScramUsersPanel } from "./scram-users-panel";

const TAB_KEYS = ["acls", "users", "quotas"] as const;
type AccessTab = (typeof TAB_KEYS)[number];

/** Who may write and read on a cluster: its ACL bindings, its SCRAM users and its client quotas, in tabs. */
export function AccessPanel({ cluster, initialTab }: { cluster: ClusterView; initialTab?: string }) {
  const [tab, selectTab] = useUrlTab<AccessTab>(TAB_KEYS, initialTab);
  return (
    <>
      <p className="muted small crumbs">
        <Link href="/clusters">Clusters</Link> / <Link href={`/clusters/${cluster.id}`}>{cluster.name}</Link> / access
      </p>
      <div className="page-head">
        <div>
          <h1>
            Access {cluster.readOnly && <span className="badge warn">read-only cluster</span>}
          </h1>
          <p className="muted">Who may write and read on {cluster.name}: ACL bindings, SCRAM users and client quotas.</p>
        </div>
      </div>
      <Tabs
        label="Access"
        idPrefix="access"
        current={tab}
        onSelect={selectTab}
        tabs={[
          { key: "acls", label: "ACLs" },
          { key: "users", label: "Users" },
          { key: "quotas", label: "Quotas" },
        ]}
      />
      {tab === "acls" && (
        <section {...tabPanelProps("access", "acls")}>
          <AclBindingsBrowser clusterId={cluster.id} readOnly={cluster.readOnly} />
        </section>
      )}
      {tab === "users" && (
        <section {...tabPanelProps("access", "users")}>
          <ScramUsersPanel clusterId={cluster.id} readOnly={cluster.readOnly} />
        </section>
      )}
      {tab === "quotas" && (
        <section {...tabPanelProps("access", "quotas")}>
          <ClientQuotasPanel clusterId={cluster.id} readOnly={cluster.readOnly} />
        </section>
      )}
    </>
  );
}
