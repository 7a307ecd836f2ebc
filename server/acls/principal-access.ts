import "server-only";
import { compareBindings, userNameOf, WILDCARD_PRINCIPAL } from "@/lib/acls/acl-model";
import { quotaIsForUser, type ClientQuotaEntry } from "@/lib/acls/client-quotas";
import type { PrincipalAccessView } from "@/lib/acls/acl-views";
import { principalAccess, resourcesCoveredBy } from "@/lib/acls/effective-access";
import type { ScramCredential } from "@/lib/acls/scram-users";
import { isAppError } from "@/lib/errors/app-error";
import type { Cluster } from "@/prisma/generated/client";
import { knownResourcesFor } from "./known-resources";
import { listAclBindings } from "./list-acl-bindings";
import { listClientQuotas } from "./list-client-quotas";
import { listScramUsers } from "./list-scram-users";

/** What a principal may do on the cluster: its bindings, their effect per resource, its SCRAM credentials and quotas. */
export async function principalAccessView(cluster: Cluster, principal: string): Promise<PrincipalAccessView> {
  const acls = await listAclBindings(cluster);
  const own = acls.bindings.filter((b) => b.principal === principal || b.principal === WILDCARD_PRINCIPAL);
  own.sort((a, b) => (a.principal === b.principal ? compareBindings(a, b) : a.principal === WILDCARD_PRINCIPAL ? 1 : -1));
  const known = await knownResourcesFor(cluster, own);
  const resources = principalAccess(acls.bindings, principal, resourcesCoveredBy(own, known), acls.authorizer);

  const notes: string[] = [];
  const user = userNameOf(principal);
  let scram: ScramCredential[] | null | undefined;
  let quotas: ClientQuotaEntry[] | undefined;
  if (user !== null) {
    const [users, quotaView] = await Promise.allSettled([listScramUsers(cluster), listClientQuotas(cluster)]);
    if (users.status === "fulfilled") scram = users.value.users.find((u) => u.name === user)?.credentials ?? null;
    else notes.push(`SCRAM credentials: ${isAppError(users.reason) ? users.reason.userMessage : "not readable"}`);
    if (quotaView.status === "fulfilled") quotas = quotaView.value.entries.filter((e) => quotaIsForUser(e, user));
    else notes.push(`Quotas: ${isAppError(quotaView.reason) ? quotaView.reason.userMessage : "not readable"}`);
  }
  return {
    principal,
    enabled: acls.enabled,
    authorizer: acls.authorizer,
    superUser: acls.authorizer.superUsers.includes(principal),
    bindings: own,
    resources,
    scram,
    quotas,
    notes,
  };
}
