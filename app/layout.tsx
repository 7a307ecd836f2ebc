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
  // Static files are served from public/.
  icons: { icon: "/icon.svg" },
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
          <Link href={me ? "/clusters" : "/sign-in"} className="brand">
            <img src="/logo.svg" width={20} height={20} alt="" className="brand-mark" />
            Topiary
          </Link>
          {me && <NavLinks />}
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
