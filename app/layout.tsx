import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: "Topiary",
  description: "Design, apply, browse and monitor Apache Kafka event flows",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          <Link href="/" className="brand">
            <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden className="brand-mark">
              <circle cx="10" cy="7" r="6" fill="#7cc48f" />
              <rect x="9" y="12" width="2" height="7" fill="#c9e7d1" />
            </svg>
            Topiary
          </Link>
          <nav aria-label="Main">
            <Link href="/designs">Designs</Link>
            <Link href="/clusters">Clusters</Link>
            <Link href="/applies">Applies</Link>
            <Link href="/audit">Audit</Link>
          </nav>
        </header>
        <main className="content">
          <Providers>{children}</Providers>
        </main>
      </body>
    </html>
  );
}
