"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signOutAction } from "@/server/actions/auth-actions";
import { useCan, useMe } from "./me-context";

export function UserMenu() {
  const me = useMe();
  const router = useRouter();
  const admin = useCan("users:manage", null);
  if (!me) return null;
  return (
    <div className="user-menu">
      {admin && <Link href="/settings/users">Users</Link>}
      <span className="muted small" data-testid="signed-in-as">
        {me.name}
      </span>
      {!me.local && (
        <button
          type="button"
          className="link small"
          onClick={async () => {
            await signOutAction({});
            router.replace("/sign-in");
            router.refresh();
          }}
        >
          Sign out
        </button>
      )}
    </div>
  );
}
