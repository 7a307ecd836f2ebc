"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createFirstAdminAction } from "@/server/actions/auth-actions";

/** The first admin of a new console: a name and a password of one's own (there is no default password). */
export function FirstRunForm() {
  const router = useRouter();
  const [v, setV] = useState({ username: "", displayName: "", password: "", confirm: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = (k: keyof typeof v) => ({ value: v[k], onChange: (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value }) });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await createFirstAdminAction(v);
    setBusy(false);
    if (!r.ok) {
      setErrors(r.error.fieldErrors ?? {});
      setError(r.error.message);
      return;
    }
    router.replace("/");
    router.refresh();
  };
  const err = (k: string) => errors[k] && <span className="field-error" data-testid={`error-${k}`}>{errors[k]}</span>;
  return (
    <form className="form card auth-card" onSubmit={submit} aria-label="Create the first admin">
      <label>
        User name
        <input autoComplete="username" {...field("username")} required autoFocus />
        {err("username")}
      </label>
      <label>
        Display name <span className="muted small">(optional)</span>
        <input {...field("displayName")} />
      </label>
      <label>
        Password <span className="muted small">(at least 12 characters)</span>
        <input type="password" autoComplete="new-password" {...field("password")} required />
        {err("password")}
      </label>
      <label>
        Password again
        <input type="password" autoComplete="new-password" {...field("confirm")} required />
        {err("confirm")}
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        Create admin and sign in
      </button>
    </form>
  );
}
