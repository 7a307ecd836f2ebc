import { z } from "zod";
import { completeOidcSignIn } from "@/server/auth/oidc";
import { redirectWithCookies } from "@/server/auth/oidc-cookies";
import { guardedRoute } from "@/server/guard/guarded-route";

export const dynamic = "force-dynamic";

// The OpenID Connect provider's redirect back: a session and a redirect to where the user was going, or to the
// sign-in page with a short message. The provider's parameters are read from the request URL itself.
export const GET = guardedRoute({ name: "oidcCallback", input: z.object({}), permission: "public" }, async (_, { request }) => {
  const r = await completeOidcSignIn(request);
  return redirectWithCookies(r.location, r.cookies);
});
