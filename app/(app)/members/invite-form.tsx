"use client";

import type { FormEvent } from "react";
import { FormField } from "@/app/_components/form-field";
import type { FieldErrors } from "@/app/_lib/field-errors";

interface InviteFormProps {
  busy: boolean;
  errors: FieldErrors;
  /** The link of the invite just created, for the inviter to pass on (there is no mail server). */
  link: string | null;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
}

export function InviteForm({ busy, errors, link, onSubmit }: InviteFormProps) {
  return (
    <section aria-label="Invite someone" className="max-w-xl space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 className="text-lg font-semibold">Invite someone</h2>
      <form onSubmit={onSubmit} noValidate className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <FormField label="Email" name="email" type="email" autoComplete="off" errors={errors.email} />
        </div>
        <div className="space-y-1">
          <label htmlFor="role" className="block text-sm font-medium text-slate-700">
            Role
          </label>
          <select id="role" name="role" defaultValue="member" className="block rounded-md border border-slate-300 px-3 py-2 text-sm">
            <option value="member">Member (view only)</option>
            <option value="admin">Admin</option>
          </select>
        </div>
        <button
          type="submit"
          disabled={busy}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:opacity-60"
        >
          {busy ? "Inviting…" : "Create invite link"}
        </button>
      </form>
      {link && (
        <div role="status" className="space-y-1 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">
          <label htmlFor="invite-link" className="block font-medium">
            Send this link to them. It works once, for seven days.
          </label>
          <input id="invite-link" data-testid="invite-link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} className="block w-full rounded border border-emerald-200 bg-white px-2 py-1 font-mono text-xs" />
        </div>
      )}
    </section>
  );
}
