"use server";
// Sign-in, sign-out and the first-run admin: public operations through the guarded path (anyone may call
// them; each checks what it needs itself). Session cookies are HTTP-only and SameSite.
import { z } from "zod";
import { firstAdminInputSchema, signInInputSchema } from "@/lib/auth/user-schemas";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/server/audit/record-audit";
import { clearSessionCookie, setSessionCookie } from "@/server/auth/session-cookie";
import { createSession, deleteSession } from "@/server/auth/sessions";
import { signIn } from "@/server/auth/sign-in";
import { createFirstAdmin } from "@/server/auth/manage-users";
import { authDisabled } from "@/server/config";
import { guardedAction } from "@/server/guard/guarded-action";
import { sessionToken } from "@/server/guard/principal";
import { clientAddress } from "@/server/net/client-address";

function refuseWhenDisabled() {
  if (authDisabled()) throw new AppError("CONFLICT", { userMessage: "Sign-in is turned off on this console (AUTH_DISABLED=true)." });
}

export const signInAction = guardedAction({ name: "signIn", input: signInInputSchema, permission: "public" }, async (input) => {
  refuseWhenDisabled();
  const s = await signIn(input.username, input.password, await clientAddress());
  await setSessionCookie(s.token, s.expiresAt);
  return { username: s.username };
});

export const signOutAction = guardedAction({ name: "signOut", input: z.object({}), permission: "public" }, async (_, { principal }) => {
  const token = await sessionToken();
  await deleteSession(token);
  await clearSessionCookie();
  if (principal.id !== "anonymous") await recordAudit({ userId: principal.local ? null : principal.id, username: principal.name, action: "auth.sign-out", outcome: "succeeded" });
  return { signedOut: true };
});

export const createFirstAdminAction = guardedAction(
  { name: "createFirstAdmin", input: firstAdminInputSchema, permission: "public" },
  async (input) => {
    refuseWhenDisabled();
    const u = await createFirstAdmin(input.username, input.displayName, input.password);
    const s = await createSession(u.id);
    await setSessionCookie(s.token, s.expiresAt);
    await recordAudit({ userId: u.id, username: u.username, action: "auth.sign-in", outcome: "succeeded", detail: "first admin" });
    return { username: u.username };
  },
);
