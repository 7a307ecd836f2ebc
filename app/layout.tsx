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
            <span aria-hidden>🌳</span> Topiary
          </Link>
          <nav aria-label="Main">
            <Link href="/clusters">Clusters</Link>
          </nav>
        </header>
        <main className="content">
          <Providers>{children}</Providers>
        </main>
      </body>
    </html>
  );
}
