import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { MeProvider } from "@/components/auth/me-context";
import { NavLinks } from "@/components/auth/nav-links";
import { UserMenu } from "@/components/auth/user-menu";
import { Providers } from "@/components/providers";
import { authDisabled } from "@/server/config";
import { optionalPrincipal } from "@/server/guard/principal";
import "./globals.css";

export const metadata: Metadata = {
  title: "Topiary",
  description: "Design, apply, browse and monitor Apache Kafka event flows",
};

export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: ReactNode }) {
  const principal = await optionalPrincipal().catch(() => null);
  const me = principal ? { name: principal.name, local: principal.local, grants: principal.grants } : null;
  return (
    <html lang="en">
      <body>
        <MeProvider me={me}>
        <header className="topbar">
          <Link href="/" className="brand">
            <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden className="brand-mark">
              <circle cx="10" cy="7" r="6" fill="#7cc48f" />
              <rect x="9" y="12" width="2" height="7" fill="#c9e7d1" />
            </svg>
            Topiary
          </Link>
          <NavLinks />
          <UserMenu />
        </header>
        {authDisabled() && (
          <div className="auth-off-banner" role="note">
            Sign-in is turned off (AUTH_DISABLED=true): everyone who can reach this console is an admin.
          </div>
        )}
        <main className="content">
          <Providers>{children}</Providers>
        </main>
        </MeProvider>
      </body>
    </html>
  );
}
