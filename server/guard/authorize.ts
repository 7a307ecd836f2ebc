import "server-only";
import { can, PERMISSION_ROLE, type Permission, type Principal } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";

/**
 * The one permission check. Every guarded action, route and page read calls it with the permission it needs
 * and the cluster it touches; the role the principal holds on that cluster decides (lib/auth/permissions.ts).
 */
export async function authorize(principal: Principal, permission: Permission, clusterId: string | null): Promise<void> {
  if (can(principal, permission, clusterId)) return;
  const need = PERMISSION_ROLE[permission];
  throw new AppError("FORBIDDEN", {
    message: `${principal.name} lacks ${permission} on ${clusterId ?? "*"}`,
    userMessage: clusterId
      ? `You need the ${need} role on this cluster to do this.`
      : `You need the ${need} role${permission === "clusters:manage" || permission === "users:manage" || permission === "audit:read" ? " on every cluster" : ""} to do this.`,
  });
}
