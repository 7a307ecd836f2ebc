// What taking a role away costs, for the confirm dialogs on the users page (issue 12, item 11). Pure.
import type { Role } from "@/lib/auth/permissions";
import type { UserView } from "@/lib/auth/user-views";

/**
 * - `last-admin`: the only enabled admin on every cluster; the server refuses (manage-users.ts, assertNotLastAdmin).
 * - `own-admin-everywhere`: your own admin role on every cluster: user management, settings and the audit log go.
 * - `own`: another of your own roles.
 * - `other`: someone else's role.
 */
export type RoleLoss = "last-admin" | "own-admin-everywhere" | "own" | "other";

type Grant = { clusterId: string | null; role: Role };
type UserRoles = Pick<UserView, "id" | "username" | "disabled" | "grants">;

const adminEverywhere = (g: Grant) => g.clusterId === null && g.role === "admin";

/** What removing `grant` from `user` (or lowering it) costs, seen by the signed-in user `me`, among all `users`. */
export function roleLoss(me: string | null | undefined, user: UserRoles, grant: Grant, users: readonly UserRoles[]): RoleLoss {
  if (adminEverywhere(grant)) {
    // The same rule the server applies: disabled users do not count as admins.
    const others = users.filter((u) => u.id !== user.id && !u.disabled && u.grants.some(adminEverywhere));
    if (!user.disabled && others.length === 0) return "last-admin";
    if (me === user.username) return "own-admin-everywhere";
  }
  return me === user.username ? "own" : "other";
}

/** Whether granting `role` on `clusterId` replaces the user's admin role on every cluster with a lesser one. */
export function lowersAdminEverywhere(user: Pick<UserView, "grants">, clusterId: string | null, role: Role): boolean {
  return clusterId === null && role !== "admin" && user.grants.some(adminEverywhere);
}
