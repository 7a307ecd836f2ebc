"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/permissions";
import type { ActionResult } from "@/lib/errors/action-result";
import { createUserAction, deleteUserAction, setGrantAction, setPasswordAction, setUserDisabledAction } from "@/server/actions/user-actions";
import { useMe } from "@/components/auth/me-context";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { UserView } from "@/lib/auth/user-views";
import { ClusterOptions } from "@/components/clusters/cluster-options";
import { lowersAdminEverywhere, roleLoss, type RoleLoss } from "./role-loss";

type ClusterRef = { id: string; name: string };

/** Users, their roles per cluster (or on every cluster), and new local users. Admins on every cluster only. */
export function UsersAdmin({ users, clusters }: { users: UserView[]; clusters: ClusterRef[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const run = async (p: Promise<ActionResult<unknown>>) => {
    setError(null);
    const r = await p;
    if (!r.ok) setError(r.error.message);
    router.refresh();
    return r.ok;
  };
  const me = useMe();
  /** For the confirm dialogs: an action's refusal becomes the dialog's error. */
  const ok = async (p: Promise<ActionResult<unknown>>) => {
    const r = await p;
    if (!r.ok) throw new Error(r.error.message);
    router.refresh();
  };
  const clusterName = (id: string | null) => (id === null ? "every cluster" : (clusters.find((c) => c.id === id)?.name ?? "removed cluster"));

  return (
    <div>
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
      <table className="table" aria-label="Users">
        <thead>
          <tr>
            <th>User</th>
            <th>Roles</th>
            <th>Grant a role</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid={`user-row-${u.username}`}>
              <td>
                <strong>{u.username}</strong> {u.displayName !== u.username && <span className="muted small">{u.displayName}</span>}
                {u.sso && <span className="badge">single sign-on</span>}
                {u.disabled && <span className="badge warn">disabled</span>}
              </td>
              <td>
                {u.grants.length === 0 && <span className="muted small">no access yet</span>}
                {u.grants.map((g) => (
                  <span key={g.clusterId ?? "*"} className="grant">
                    {g.role} on {clusterName(g.clusterId)}{" "}
                    <ConfirmDialog
                      trigger="remove"
                      triggerClassName="link small"
                      triggerLabel={`Remove ${g.role} on ${clusterName(g.clusterId)} from ${u.username}`}
                      label={`Remove ${g.role} on ${clusterName(g.clusterId)} from ${u.username}`}
                      title={`Remove ${u.username}'s ${g.role} role on ${clusterName(g.clusterId)}?`}
                      confirmLabel="Remove role"
                      onConfirm={() => ok(setGrantAction({ userId: u.id, clusterId: g.clusterId, role: null }))}
                    >
                      <RoleLossNotice loss={roleLoss(me?.name, u, g, users)} username={u.username} role={g.role} where={clusterName(g.clusterId)} />
                    </ConfirmDialog>
                  </span>
                ))}
              </td>
              <td>
                <GrantForm
                  user={u}
                  clusters={clusters}
                  loss={roleLoss(me?.name, u, { clusterId: null, role: "admin" }, users)}
                  onGrant={(clusterId, role) => run(setGrantAction({ userId: u.id, clusterId, role }))}
                  onConfirmedGrant={(clusterId, role) => ok(setGrantAction({ userId: u.id, clusterId, role }))}
                />
              </td>
              <td>
                <div className="actions">
                <button type="button" className="secondary small" onClick={() => run(setUserDisabledAction({ userId: u.id, disabled: !u.disabled }))}>
                  {u.disabled ? "Enable" : "Disable"}
                </button>
                {!u.sso && <PasswordReset onSet={(password) => run(setPasswordAction({ userId: u.id, password }))} username={u.username} />}
                {me?.name !== u.username && (
                  <ConfirmDialog
                    trigger="Delete"
                    triggerLabel={`Delete user ${u.username}`}
                    label={`Delete user ${u.username}`}
                    title={`Delete user “${u.username}”?`}
                    confirmName={u.username}
                    nameLabel="User name to confirm"
                    confirmLabel="Delete user"
                    pendingLabel="Deleting…"
                    onConfirm={(typed) => ok(deleteUserAction({ userId: u.id, confirmName: typed }))}
                  >
                    Their sessions end at once and their roles are removed. The audit log keeps every record of what they did.
                  </ConfirmDialog>
                )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <NewUserForm onCreate={(v) => run(createUserAction(v))} />
    </div>
  );
}

/** What the confirm dialogs say a removed (or lowered) role takes away. */
function RoleLossNotice({ loss, username, role, where }: { loss: RoleLoss; username: string; role: Role; where: string }) {
  switch (loss) {
    case "last-admin":
      return (
        <strong>
          This is the last admin role on every cluster: it cannot be removed or lowered. Make someone else admin on every cluster first.
        </strong>
      );
    case "own-admin-everywhere":
      return (
        <strong>
          This is your own admin role on every cluster. Without it, you can no longer manage users and roles, change settings or read the audit
          log, and only another admin can give it back.
        </strong>
      );
    case "own":
      return <>This is your own role: you lose what it lets you do on {where} at once.</>;
    case "other":
      return (
        <>
          {username} loses what the {role} role lets them do on {where} at once.
        </>
      );
  }
}

function GrantForm({
  user,
  clusters,
  loss,
  onGrant,
  onConfirmedGrant,
}: {
  user: UserView;
  clusters: ClusterRef[];
  /** What losing this user's admin role on every cluster would cost (when they hold it). */
  loss: RoleLoss;
  onGrant: (clusterId: string | null, role: Role) => void;
  /** The same grant from a confirm dialog: rejects with the server's refusal. */
  onConfirmedGrant: (clusterId: string | null, role: Role) => Promise<unknown>;
}) {
  const [clusterId, setClusterId] = useState<string>("*");
  const [role, setRole] = useState<Role>("viewer");
  const target = clusterId === "*" ? null : clusterId;
  // Lowering your own admin role on every cluster (or the last one) takes as much away as removing it: ask first.
  const ask = lowersAdminEverywhere(user, target, role) && loss !== "other";
  return (
    <div className="actions">
      <select value={clusterId} onChange={(e) => setClusterId(e.target.value)} aria-label={`Cluster for ${user.username}`}>
        <option value="*">every cluster</option>
        <ClusterOptions clusters={clusters} />
      </select>
      <select value={role} onChange={(e) => setRole(e.target.value as Role)} aria-label={`Role for ${user.username}`} title={ROLE_LABELS[role]}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      {ask ? (
        <ConfirmDialog
          trigger="Grant"
          triggerClassName="small"
          label={`Replace ${user.username}'s admin role on every cluster`}
          title={`Make ${user.username} ${role} instead of admin on every cluster?`}
          confirmLabel={`Make ${role}`}
          onConfirm={() => onConfirmedGrant(target, role)}
        >
          <RoleLossNotice loss={loss} username={user.username} role="admin" where="every cluster" />
        </ConfirmDialog>
      ) : (
        <button type="button" className="small" onClick={() => onGrant(target, role)}>
          Grant
        </button>
      )}
    </div>
  );
}

function PasswordReset({ onSet, username }: { onSet: (password: string) => Promise<boolean>; username: string }) {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState("");
  if (!open) {
    return (
      <button type="button" className="secondary small" onClick={() => setOpen(true)}>
        Set password
      </button>
    );
  }
  return (
    <span className="actions">
      <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} placeholder="new password" aria-label={`New password for ${username}`} autoComplete="new-password" />
      <button
        type="button"
        className="small"
        onClick={async () => {
          if (await onSet(password)) {
            setOpen(false);
            setPassword("");
          }
        }}
      >
        Save
      </button>
    </span>
  );
}

function NewUserForm({ onCreate }: { onCreate: (v: { username: string; displayName: string; password: string }) => Promise<boolean> }) {
  const [v, setV] = useState({ username: "", displayName: "", password: "" });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await onCreate(v)) setV({ username: "", displayName: "", password: "" });
  };
  return (
    <form className="card form new-user" onSubmit={submit} aria-label="Add a user">
      <h3>Add a local user</h3>
      <div className="actions wrap">
        <input placeholder="user name" aria-label="New user name" value={v.username} onChange={(e) => setV({ ...v, username: e.target.value })} required />
        <input placeholder="display name (optional)" aria-label="New user display name" value={v.displayName} onChange={(e) => setV({ ...v, displayName: e.target.value })} />
        <input type="password" placeholder="password (12+ characters)" aria-label="New user password" autoComplete="new-password" value={v.password} onChange={(e) => setV({ ...v, password: e.target.value })} required />
        <button type="submit">Add user</button>
      </div>
      <p className="muted small">A new user has no access until you grant a role: {ROLES.map((r) => ROLE_LABELS[r]).join("; ")}.</p>
    </form>
  );
}
