"use client";
import { DEFAULT_AFTER_SIGN_IN } from "@/lib/auth/safe-next-path";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createFirstAdminAction } from "@/server/actions/auth-actions";
import { FieldError, FormError } from "@/components/ui/field-error";

/** The first admin of a new console: a name and a password of one's own (there is no default password). */
export function FirstRunForm() {
  const router = useRouter();
  const [v, setV] = useState({ username: "", displayName: "", password: "", confirm: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();
  const [busy, setBusy] = useState(false);
  const field = (k: keyof typeof v) => ({ value: v[k], onChange: (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value }) });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await createFirstAdminAction(v);
    setBusy(false);
    if (!r.ok) {
      const fields = r.error.fieldErrors ?? {};
      setErrors(fields);
      // A field's error shows beside the field; the form's line is for the rest (not the same words twice).
      setError(Object.keys(fields).length ? null : r.error.message);
      return;
    }
    router.replace(DEFAULT_AFTER_SIGN_IN);
    router.refresh();
  };
  const err = (k: string) => (
    <FieldError field={k} as="span">
      {errors[k]}
    </FieldError>
  );
  return (
    <form className="form card auth-card" method="post" onSubmit={submit} aria-label="Create the first admin">
      <label>
        User name
        <input autoComplete="username" {...field("username")} required autoFocus />
        {err("username")}
      </label>
      <label>
        Display name <span className="muted small">(optional)</span>
        <input {...field("displayName")} />
        {err("displayName")}
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
      <FormError>{error}</FormError>
      <button type="submit" disabled={busy || !hydrated}>
        Create admin and sign in
      </button>
    </form>
  );
}
