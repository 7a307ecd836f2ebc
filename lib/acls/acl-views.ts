import { z } from "zod";
import { clusterIdSchema } from "@/lib/clusters/cluster-schema";
import type { AclBinding } from "./acl-model";
import type { ClientQuotaEntry } from "./client-quotas";
import type { AuthorizerSettings, PrincipalResourceAccess, ResourceAccess } from "./effective-access";
import type { ScramCredential } from "./scram-users";
import { aclFilterSchema } from "./match-bindings";

// What the ACL routes answer, and the inputs they take (shared by the route handlers and the query hooks).

export interface AuthorizerView extends AuthorizerSettings {
  /** The brokers' `authorizer.class.name`, when readable. */
  className: string | null;
  /** False when Kafka did not say (it hides these authorizer settings): none listed / Kafka's default assumed. */
  superUsersKnown: boolean;
  defaultRuleKnown: boolean;
}

export interface AclBindingsPage {
  /** False: the cluster runs without an authorizer (no bindings, nothing checked). */
  enabled: boolean;
  authorizer: AuthorizerView;
  /** Bindings on the cluster before filtering. */
  total: number;
  bindings: AclBinding[];
  unreadable: number;
}

export const aclListInputSchema = aclFilterSchema.extend({ id: clusterIdSchema });

export const principalRouteInputSchema = z.object({
  id: clusterIdSchema,
  principal: z.string().min(3).max(512),
});

export const clusterRouteInputSchema = z.object({ id: clusterIdSchema });

export interface TopicAccessView {
  enabled: boolean;
  authorizer: AuthorizerView;
  access: ResourceAccess | null;
}

export interface PrincipalAccessView {
  principal: string;
  enabled: boolean;
  authorizer: AuthorizerView;
  superUser: boolean;
  /** Bindings naming it, then those for User:* (they apply to it too). */
  bindings: AclBinding[];
  /** Per resource its bindings reach: what it may do there. */
  resources: PrincipalResourceAccess[];
  /** Its SCRAM credentials (null: none; undefined: not readable here). */
  scram: ScramCredential[] | null | undefined;
  quotas: ClientQuotaEntry[] | undefined;
  /** Why SCRAM credentials or quotas could not be read, when they could not. */
  notes: string[];
}
