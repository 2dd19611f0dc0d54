"use client";

import * as ToastPrimitive from "@radix-ui/react-toast";
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { cn, focusRing } from "./cn";

export interface ToastInput {
  title: string;
  description?: string;
  tone?: "success" | "error" | "info";
  /** How long it stays, in ms (the provider's 6 s unless a result needs reading). */
  duration?: number;
}

interface ToastItem extends ToastInput {
  id: number;
}

const ToastContext = createContext<((toast: ToastInput) => void) | null>(null);

/** Shows a result briefly in the corner (a polite live region; errors assertive). */
export function useToast(): (toast: ToastInput) => void {
  const push = useContext(ToastContext);
  if (!push) throw new Error("useToast needs <Toaster> above it");
  return push;
}

const TONE: Record<NonNullable<ToastInput["tone"]>, string> = {
  success: "border-emerald-200 bg-emerald-50 text-emerald-900",
  error: "border-red-200 bg-red-50 text-red-900",
  info: "border-slate-200 bg-white text-slate-900",
};

export function Toaster({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const push = useCallback((toast: ToastInput) => setToasts((all) => [...all.slice(-3), { ...toast, id: Date.now() + Math.random() }]), []);
  const value = useMemo(() => push, [push]);
  return (
    <ToastContext.Provider value={value}>
      <ToastPrimitive.Provider swipeDirection="right" duration={6000}>
        {children}
        {toasts.map((toast) => (
          <ToastPrimitive.Root
            key={toast.id}
            type={toast.tone === "error" ? "foreground" : "background"}
            duration={toast.duration}
            data-testid="toast"
            onOpenChange={(open) => {
              if (!open) setToasts((all) => all.filter((t) => t.id !== toast.id));
            }}
            className={cn("relative rounded-lg border p-4 pr-10 shadow-lg", TONE[toast.tone ?? "info"])}
          >
            <ToastPrimitive.Title className="text-sm font-semibold">{toast.title}</ToastPrimitive.Title>
            {toast.description && <ToastPrimitive.Description className="mt-1 text-sm">{toast.description}</ToastPrimitive.Description>}
            <ToastPrimitive.Close aria-label="Dismiss" className={cn("absolute top-2 right-2 rounded p-1 text-current opacity-70 hover:opacity-100", focusRing)}>
              <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2">
                <path d="M3 3l10 10M13 3L3 13" />
              </svg>
            </ToastPrimitive.Close>
          </ToastPrimitive.Root>
        ))}
        <ToastPrimitive.Viewport className="fixed right-0 bottom-0 z-[60] flex w-full max-w-sm flex-col gap-2 p-4 outline-none" />
      </ToastPrimitive.Provider>
    </ToastContext.Provider>
  );
}
