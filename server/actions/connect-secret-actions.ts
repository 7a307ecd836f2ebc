"use server";
// The Connect secret store of a cluster (values connector configs in designs refer to as ${secret:name}): set and
// delete are an admin's (connect:write, like changing a connector), written with their audit record; the audit
// names the secret, never its value.
import { deleteConnectSecretInputSchema, setConnectSecretInputSchema } from "@/lib/connect/connect-secret-schemas";
import { deleteConnectSecret, setConnectSecret } from "@/server/connect/connect-secrets";
import { guardedAction } from "@/server/guard/guarded-action";

export const setConnectSecretAction = guardedAction(
  {
    name: "setConnectSecret",
    input: setConnectSecretInputSchema,
    permission: "connect:write",
    clusterId: (i) => i.clusterId,
    audit: { action: "connect.secret.set", target: (i) => i.name },
  },
  async ({ clusterId, name, value }, { principal }) => setConnectSecret(clusterId, name, value, principal.name),
);

export const deleteConnectSecretAction = guardedAction(
  {
    name: "deleteConnectSecret",
    input: deleteConnectSecretInputSchema,
    permission: "connect:write",
    clusterId: (i) => i.clusterId,
    audit: { action: "connect.secret.delete", target: (i) => i.name },
  },
  async ({ clusterId, name, confirmName }) => deleteConnectSecret(clusterId, name, confirmName),
);
