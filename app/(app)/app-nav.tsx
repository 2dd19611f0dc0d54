"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { cn, focusRing } from "@/app/_components/ui/cn";
import { Dialog, DialogTrigger, SheetContent } from "@/app/_components/ui/dialog";
import { SignOutButton } from "./sign-out-button";

const LINKS = [
  { href: "/setup", label: "Setup" },
  { href: "/sync", label: "Sync" },
  { href: "/records", label: "Records" },
  { href: "/connections", label: "Connections" },
  { href: "/members", label: "Members" },
];

function NavLinks({ vertical, onNavigate }: { vertical?: boolean; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <ul className={cn("flex gap-1 text-sm", vertical && "flex-col")}>
      {LINKS.map(({ href, label }) => {
        const active = pathname.startsWith(href);
        return (
          <li key={href}>
            <Link
              href={href}
              onClick={onNavigate}
              aria-current={active ? "page" : undefined}
              className={cn(
                "block rounded-md px-3 py-1.5 font-medium",
                focusRing,
                vertical && "py-2.5 text-base",
                active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100",
              )}
            >
              {label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

/** The header's navigation: inline from `md`, a menu in a side sheet on a phone. */
export function AppNav({ email }: { email: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <nav aria-label="Main" className="hidden md:block">
        <NavLinks />
      </nav>
      <div className="ml-auto hidden min-w-0 items-center gap-4 text-sm md:flex">
        <span className="truncate text-slate-600" data-testid="signed-in-email">
          {email}
        </span>
        <SignOutButton />
      </div>
      <Dialog open={open} onOpenChange={setOpen}>
        <DialogTrigger
          className={cn("ml-auto inline-flex items-center gap-2 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 md:hidden", focusRing)}
        >
          <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2">
            <path d="M2 4h12M2 8h12M2 12h12" />
          </svg>
          Menu
        </DialogTrigger>
        <SheetContent title="Menu" description={<span className="break-all">Signed in as {email}</span>}>
          <nav aria-label="Main">
            <NavLinks vertical onNavigate={() => setOpen(false)} />
          </nav>
          <div className="mt-6 border-t border-slate-200 pt-4 text-sm">
            <SignOutButton />
          </div>
        </SheetContent>
      </Dialog>
    </>
  );
}
