"use client";
import { useRouter } from "next/navigation";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useState, type FormEvent } from "react";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { FormError } from "@/components/ui/field-error";
import { signInAction } from "@/server/actions/auth-actions";

export function SignInForm({ next, error: initialError }: { next?: string; error?: string }) {
  const router = useRouter();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(initialError ?? null);
  const hydrated = useHydrated();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await signInAction({ username, password });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    router.replace(safeNextPath(next));
    router.refresh();
  };
  return (
    <form className="form card auth-card" method="post" onSubmit={submit} aria-label="Sign in">
      <label>
        User name
        <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      </label>
      <FormError>{error}</FormError>
      <button type="submit" disabled={busy || !hydrated}>
        Sign in
      </button>
    </form>
  );
}
