import { z } from "zod";
import { beginOidcSignIn } from "@/server/auth/oidc";
import { redirectWithCookies } from "@/server/auth/oidc-cookies";
import { guardedRoute } from "@/server/guard/guarded-route";

export const dynamic = "force-dynamic";

// Sign-in with the OpenID Connect provider: a redirect there. `next` (a path on this console) is where the
// callback sends the browser afterwards; anything else is dropped rather than refused.
export const GET = guardedRoute(
  { name: "oidcStart", input: z.object({ next: z.string().optional().catch(undefined) }), permission: "public" },
  async (input, { request }) => {
    const r = await beginOidcSignIn(request, input.next);
    return redirectWithCookies(r.location, r.cookies);
  },
);
