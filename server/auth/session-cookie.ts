import "server-only";
import { publicBaseUrl } from "@/server/config";
import { SESSION_COOKIE, sessionCookieOptions } from "./sessions";

/** Secure cookies when the console is reached over https (directly or behind a proxy that says so). */
async function isHttps(): Promise<boolean> {
  if (publicBaseUrl()?.startsWith("https://")) return true;
  const { headers } = await import("next/headers");
  return (await headers()).get("x-forwarded-proto") === "https";
}

/** Sets the session cookie from a server action (Next's request scope). */
export async function setSessionCookie(token: string, expiresAt: Date): Promise<void> {
  const { cookies } = await import("next/headers");
  (await cookies()).set(SESSION_COOKIE, token, sessionCookieOptions(expiresAt, await isHttps()));
}

export async function clearSessionCookie(): Promise<void> {
  const { cookies } = await import("next/headers");
  (await cookies()).delete(SESSION_COOKIE);
}
