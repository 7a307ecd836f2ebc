"use server";
// User management: admins on every cluster only (users:manage), audited.
import { createUserInputSchema, deleteUserInputSchema, setGrantInputSchema, setPasswordInputSchema, setUserDisabledInputSchema } from "@/lib/auth/user-schemas";
import { createUser, deleteUser, setGrant, setPassword, setUserDisabled } from "@/server/auth/manage-users";
import { guardedAction } from "@/server/guard/guarded-action";

export const createUserAction = guardedAction(
  { name: "createUser", input: createUserInputSchema, permission: "users:manage", audit: { action: "user.create", target: (i) => i.username } },
  async (input) => createUser(input.username, input.displayName, input.password),
);

export const setUserDisabledAction = guardedAction(
  { name: "setUserDisabled", input: setUserDisabledInputSchema, permission: "users:manage", audit: { action: "user.disable", target: (i, r?: { username: string }) => `${r?.username ?? i.userId} ${i.disabled ? "disabled" : "enabled"}` } },
  async (input, { principal }) => setUserDisabled(principal.id, input.userId, input.disabled),
);

export const deleteUserAction = guardedAction(
  { name: "deleteUser", input: deleteUserInputSchema, permission: "users:manage", audit: { action: "user.delete", target: (i, r?: { username: string }) => r?.username ?? i.confirmName } },
  async (input, { principal }) => deleteUser(principal.id, input.userId, input.confirmName),
);

export const setPasswordAction = guardedAction(
  { name: "setPassword", input: setPasswordInputSchema, permission: "users:manage", audit: { action: "user.password", target: (i, r?: { username: string }) => r?.username ?? i.userId } },
  async (input) => setPassword(input.userId, input.password),
);

export const setGrantAction = guardedAction(
  {
    name: "setGrant",
    input: setGrantInputSchema,
    permission: "users:manage",
    audit: {
      action: "user.grant",
      target: (i, done?: { username: string; clusterName: string }) => `${done?.username ?? i.userId}: ${i.role ?? "no role"} on ${done?.clusterName ?? i.clusterId ?? "every cluster"}`,
    },
  },
  async (input) => setGrant(input),
);
