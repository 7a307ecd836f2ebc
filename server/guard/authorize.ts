import "server-only";
import type { Permission, Principal } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors/app-error";

/**
 * The one permission check. Every guarded action and route calls it with the permission it needs and the
 * cluster it touches. Today the single local user holds every permission; per-cluster roles come later
 * and change only this function.
 */
export async function authorize(principal: Principal, permission: Permission, clusterId: string | null): Promise<void> {
  if (principal.local) return;
  throw new AppError("FORBIDDEN", {
    message: `${principal.id} lacks ${permission} on ${clusterId ?? "*"}`,
    userMessage: "You do not have permission to do this.",
  });
}
