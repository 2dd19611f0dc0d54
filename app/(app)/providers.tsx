"use client";

import type { ReactNode } from "react";
import { Toaster } from "@/app/_components/ui/toast";
import { TooltipProvider } from "@/app/_components/ui/tooltip";

export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <TooltipProvider>
      <Toaster>{children}</Toaster>
    </TooltipProvider>
  );
}
