import type { Metadata } from "next";
import type { ReactNode } from "react";
import { TRPCReactProvider } from "./_lib/trpc";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Tandem", template: "%s · Tandem" },
  description: "Two-way invoice sync between HubSpot and QuickBooks Online.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}
