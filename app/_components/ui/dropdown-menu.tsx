"use client";

import * as Menu from "@radix-ui/react-dropdown-menu";
import type { ReactNode } from "react";

export const DropdownMenu = Menu.Root;
export const DropdownMenuTrigger = Menu.Trigger;

export function DropdownMenuContent({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <Menu.Portal>
      <Menu.Content
        align="end"
        sideOffset={4}
        collisionPadding={8}
        className="z-50 min-w-48 rounded-md border border-slate-200 bg-white p-1 shadow-lg"
      >
        {label && <Menu.Label className="px-2 py-1.5 text-xs font-semibold text-slate-500">{label}</Menu.Label>}
        {children}
      </Menu.Content>
    </Menu.Portal>
  );
}

/** A menu item that stays open when toggled (menuitemcheckbox). */
export function DropdownMenuCheckboxItem({ checked, onCheckedChange, disabled, children }: { checked: boolean; onCheckedChange: (checked: boolean) => void; disabled?: boolean; children: ReactNode }) {
  return (
    <Menu.CheckboxItem
      checked={checked}
      disabled={disabled}
      onCheckedChange={onCheckedChange}
      onSelect={(event) => event.preventDefault()}
      className="relative flex cursor-pointer items-center rounded py-1.5 pr-2 pl-8 text-sm text-slate-800 outline-none select-none data-[disabled]:opacity-50 data-[highlighted]:bg-brand-50"
    >
      <Menu.ItemIndicator className="absolute left-2 inline-flex">
        <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M3 8l3 3 7-7" />
        </svg>
      </Menu.ItemIndicator>
      {children}
    </Menu.CheckboxItem>
  );
}
