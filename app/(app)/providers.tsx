"use client";

import type { ReactNode } from "react";
import { RetryResults } from "@/app/_components/retry-results";
import { Toaster } from "@/app/_components/ui/toast";
import { TooltipProvider } from "@/app/_components/ui/tooltip";

export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <TooltipProvider>
      <Toaster>
        <RetryResults>{children}</RetryResults>
      </Toaster>
    </TooltipProvider>
  );
}
