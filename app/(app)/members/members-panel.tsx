"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ErrorState } from "@/app/_components/ui/card";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { fieldErrorsOf, type FieldErrors } from "@/app/_lib/field-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { InviteForm } from "./invite-form";

const ROLE_LABEL = { owner: "Owner", admin: "Admin", member: "Member" } as const;

export function MembersPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.account.me.queryOptions());
  const list = useQuery(trpc.members.list.queryOptions());
  const [link, setLink] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const invite = useMutation(
    trpc.members.invite.mutationOptions({
      onSuccess: ({ path }) => {
        setLink(`${window.location.origin}${path}`);
        return queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
      },
      onError: (error) => setErrors(Object.keys(fieldErrorsOf(error)).length > 0 ? fieldErrorsOf(error) : { email: [error.message] }),
    }),
  );
  const canInvite = me.data && me.data.org.role !== "member";

  function onInvite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setErrors({});
    setLink(null);
    invite.mutate({ email: String(form.get("email")), role: form.get("role") === "admin" ? "admin" : "member" });
  }

  return (
    <div className="space-y-8">
      {canInvite && <InviteForm busy={invite.isPending} errors={errors} link={link} onSubmit={onInvite} />}
      {list.isPending ? (
        <section aria-label="People" aria-busy="true" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-6 w-full" />
          ))}
        </section>
      ) : list.isError ? (
        <ErrorState title="The members couldn't be loaded" message={list.error.message} onRetry={() => void list.refetch()} />
      ) : (
        <section aria-label="People" className="rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-slate-500">
              <tr>
                <th className="px-4 py-2 font-medium">Name</th>
                <th className="px-4 py-2 font-medium">Email</th>
                <th className="px-4 py-2 font-medium">Role</th>
              </tr>
            </thead>
            <tbody>
              {list.data.members.map((member) => (
                <tr key={member.userId} data-testid="member-row" className="border-b border-slate-100 last:border-0">
                  <td className="px-4 py-2">{member.name ?? "—"}</td>
                  <td className="px-4 py-2">{member.email}</td>
                  <td className="px-4 py-2">{ROLE_LABEL[member.role]}</td>
                </tr>
              ))}
              {list.data.invites.map((pending) => (
                <tr key={pending.email} data-testid="invite-row" className="border-b border-slate-100 text-slate-500 last:border-0">
                  <td className="px-4 py-2 italic">Invited</td>
                  <td className="px-4 py-2">{pending.email}</td>
                  <td className="px-4 py-2">{ROLE_LABEL[pending.role]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
