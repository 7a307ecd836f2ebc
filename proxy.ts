import { NextResponse, type NextRequest } from "next/server";
import { authDisabled } from "@/server/config";

// A convenience, not the gate: a browser without a session cookie is sent to the sign-in page instead of seeing
// pages full of "Sign in to continue." errors. Every server action, route handler and page read still checks
// the session and the role on the server (server/guard/run-guarded.ts), whatever this lets through.
export function proxy(request: NextRequest) {
  if (authDisabled()) return NextResponse.next();
  if (request.cookies.has("topiary_session")) return NextResponse.next();
  const url = request.nextUrl.clone();
  const next = request.nextUrl.pathname + request.nextUrl.search;
  url.pathname = "/sign-in";
  url.search = next === "/" ? "" : `?next=${encodeURIComponent(next)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Pages only: not the API (it answers 401 itself), Next's assets, the sign-in and first-run pages, or the
  // static files of public/ (the logo, the icon, the examples).
  matcher: ["/((?!api/|_next/|sign-in|setup|icon\\.svg|logo\\.svg|favicon\\.ico|examples/).*)"],
};
