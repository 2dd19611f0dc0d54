"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/app/_components/button";
import { FormField } from "@/app/_components/form-field";
import { fieldErrorsOf, type FieldErrors } from "@/app/_lib/field-errors";
import { useTRPC } from "@/app/_lib/trpc";

interface AcceptInviteProps {
  token: string;
  invite: { orgName: string; email: string; role: string };
  signedInEmail: string | null;
}

/** Signed in: one button to join. Signed out: a sign-up form for the invited email, or a way to sign in first. */
export function AcceptInvite({ token, invite, signedInEmail }: AcceptInviteProps) {
  const trpc = useTRPC();
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const accept = useMutation(trpc.members.acceptInvite.mutationOptions());
  const join = useMutation(trpc.members.join.mutationOptions());

  function arrive() {
    router.push("/connections");
    router.refresh();
  }

  async function onAccept() {
    setFormError(null);
    try {
      await accept.mutateAsync({ token });
    } catch (error) {
      setFormError(error instanceof Error ? error.message : "The invitation could not be accepted.");
      return;
    }
    arrive();
  }

  async function onJoin(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    setErrors({});
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password"));
    try {
      await join.mutateAsync({ token, name: String(form.get("name")), password });
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (Object.keys(fields).length > 0) setErrors(fields);
      else setFormError(error instanceof Error ? error.message : "Something went wrong. Please try again.");
      return;
    }
    const result = await signIn("credentials", { email: invite.email, password, redirect: false });
    if (result?.error) router.push("/sign-in");
    else arrive();
  }

  const heading = (
    <div className="space-y-1">
      <h1 className="text-lg font-semibold">Join {invite.orgName}</h1>
      <p className="text-sm text-slate-600">
        You are invited as {invite.role === "admin" ? "an admin" : "a member"} ({invite.email}).
      </p>
    </div>
  );
  const error = formError && (
    <p role="alert" data-testid="form-error" className="text-sm text-red-600">
      {formError}
    </p>
  );

  if (signedInEmail) {
    return (
      <div className="space-y-4">
        {heading}
        <p className="text-sm text-slate-600">Signed in as {signedInEmail}.</p>
        {error}
        <Button type="button" disabled={accept.isPending} onClick={onAccept}>
          {accept.isPending ? "Joining…" : `Join ${invite.orgName}`}
        </Button>
      </div>
    );
  }
  return (
    <form onSubmit={onJoin} noValidate className="space-y-4">
      {heading}
      <FormField label="Your name" name="name" autoComplete="name" errors={errors.name} />
      <FormField label="Password" name="password" type="password" autoComplete="new-password" placeholder="At least 10 characters" errors={errors.password} />
      {error}
      <Button type="submit" disabled={join.isPending}>
        {join.isPending ? "Creating account…" : "Create account and join"}
      </Button>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href={`/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`} className="font-medium text-brand-600 hover:underline">
          Sign in to accept
        </Link>
      </p>
    </form>
  );
}
