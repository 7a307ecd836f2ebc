"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/permissions";
import type { ActionResult } from "@/lib/errors/action-result";
import { createUserAction, setGrantAction, setPasswordAction, setUserDisabledAction } from "@/server/actions/user-actions";
import type { UserView } from "@/lib/auth/user-views";

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
                    <button type="button" className="link small" aria-label={`Remove ${g.role} on ${clusterName(g.clusterId)} from ${u.username}`} onClick={() => run(setGrantAction({ userId: u.id, clusterId: g.clusterId, role: null }))}>
                      remove
                    </button>
                  </span>
                ))}
              </td>
              <td>
                <GrantForm user={u} clusters={clusters} onGrant={(clusterId, role) => run(setGrantAction({ userId: u.id, clusterId, role }))} />
              </td>
              <td>
                <div className="actions">
                <button type="button" className="secondary small" onClick={() => run(setUserDisabledAction({ userId: u.id, disabled: !u.disabled }))}>
                  {u.disabled ? "Enable" : "Disable"}
                </button>
                {!u.sso && <PasswordReset onSet={(password) => run(setPasswordAction({ userId: u.id, password }))} username={u.username} />}
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

function GrantForm({ user, clusters, onGrant }: { user: UserView; clusters: ClusterRef[]; onGrant: (clusterId: string | null, role: Role) => void }) {
  const [clusterId, setClusterId] = useState<string>("*");
  const [role, setRole] = useState<Role>("viewer");
  return (
    <div className="actions">
      <select value={clusterId} onChange={(e) => setClusterId(e.target.value)} aria-label={`Cluster for ${user.username}`}>
        <option value="*">every cluster</option>
        {clusters.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <select value={role} onChange={(e) => setRole(e.target.value as Role)} aria-label={`Role for ${user.username}`} title={ROLE_LABELS[role]}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      <button type="button" className="small" onClick={() => onGrant(clusterId === "*" ? null : clusterId, role)}>
        Grant
      </button>
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
