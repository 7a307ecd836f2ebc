"use server";
// Who may write and read (issue 13): ACL bindings (preview, then confirm), SCRAM users and client quotas. Every
// change is refused on a read-only cluster and audited; passwords never reach the audit log or the server log.
import { aclChangeInputSchema, applyAclChangeInputSchema } from "@/lib/acls/acl-change-schema";
import { describeBinding } from "@/lib/acls/acl-model";
import { describeQuotaEntity, setClientQuotasInputSchema } from "@/lib/acls/client-quotas";
import { changeScramPasswordInputSchema, createScramUserInputSchema, deleteScramUserInputSchema } from "@/lib/acls/scram-users";
import { applyAclBindingsChange, previewAclBindingsChange, type AclChangeResult } from "@/server/acls/change-acl-bindings";
import { deleteScramUser } from "@/server/acls/delete-scram-user";
import { setClientQuotas, type SetClientQuotasResult } from "@/server/acls/set-client-quotas";
import { setScramPassword } from "@/server/acls/set-scram-password";
import { guardedAction } from "@/server/guard/guarded-action";

const MAX_TARGET = 900;
const clip = (s: string) => (s.length > MAX_TARGET ? `${s.slice(0, MAX_TARGET)}…` : s);

function describeChange(r: AclChangeResult): string {
  const parts = [...r.created.map((b) => `+ ${describeBinding(b)}`), ...r.deleted.map((b) => `− ${describeBinding(b)}`)];
  return clip(parts.length ? parts.join("; ") : "nothing to change");
}

export const previewAclChangeAction = guardedAction(
  { name: "previewAclChange", input: aclChangeInputSchema, permission: "acls:write", clusterId: (i) => i.clusterId, mutatesCluster: true },
  async (input, { cluster }) => previewAclBindingsChange(cluster, input),
);

export const applyAclChangeAction = guardedAction(
  {
    name: "applyAclChange",
    input: applyAclChangeInputSchema,
    permission: "acls:write",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    audit: {
      action: "acl.change",
      target: (i, r?: AclChangeResult) =>
        r ? describeChange(r) : clip([...i.add.map((b) => `+ ${describeBinding(b)}`), ...i.remove.map((b) => `− ${describeBinding(b)}`)].join("; ")),
    },
  },
  async (input, { cluster }) => applyAclBindingsChange(cluster, input),
);

export const createScramUserAction = guardedAction(
  {
    name: "createScramUser",
    input: createScramUserInputSchema,
    permission: "acls:write",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    audit: { action: "kafka-user.create", target: (i) => `User:${i.username} (${i.mechanism}, ${i.generatePassword ? "generated" : "typed"} password)` },
  },
  async (input, { cluster }) => setScramPassword(cluster, input, "create"),
);

export const changeScramPasswordAction = guardedAction(
  {
    name: "changeScramPassword",
    input: changeScramPasswordInputSchema,
    permission: "acls:write",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    audit: { action: "kafka-user.password", target: (i) => `User:${i.username} (${i.mechanism}, ${i.generatePassword ? "generated" : "typed"} password)` },
  },
  async (input, { cluster }) => setScramPassword(cluster, input, "change"),
);

export const deleteScramUserAction = guardedAction(
  {
    name: "deleteScramUser",
    // The user's name typed back (confirmName).
    input: deleteScramUserInputSchema,
    permission: "acls:write",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    audit: { action: "kafka-user.delete", target: (i) => `User:${i.username}` },
  },
  async (input, { cluster }) => deleteScramUser(cluster, input),
);

export const setClientQuotasAction = guardedAction(
  {
    name: "setClientQuotas",
    input: setClientQuotasInputSchema,
    permission: "acls:write",
    clusterId: (i) => i.clusterId,
    mutatesCluster: true,
    audit: {
      action: "quota.set",
      target: (i, r?: SetClientQuotasResult) =>
        r ? `${r.entity}: ${JSON.stringify(r.before)} → ${JSON.stringify(r.after)}` : `${describeQuotaEntity(i.entity)}: ${JSON.stringify({ set: i.set, remove: i.remove })}`,
    },
  },
  async (input, { cluster }) => setClientQuotas(cluster, input),
);
