"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { Button } from "@/app/_components/button";
import { FormField } from "@/app/_components/form-field";
import { fieldErrorsOf, type FieldErrors } from "@/app/_lib/field-errors";
import { useTRPC } from "@/app/_lib/trpc";
import { signUpInput } from "@/server/auth/credentials";

export function SignUpForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const parsed = signUpInput.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (!parsed.success) {
      setErrors(z.flattenError(parsed.error).fieldErrors);
      return;
    }
    setErrors({});
    try {
      await signUp.mutateAsync(parsed.data);
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (Object.keys(fields).length > 0) setErrors(fields);
      else setFormError("Something went wrong creating your account. Please try again.");
      return;
    }
    const result = await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
    if (result?.error) {
      router.push("/sign-in");
      return;
    }
    // A new org starts in the setup wizard.
    router.push("/setup");
    router.refresh();
  }

  const busy = signUp.isPending;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <h1 className="text-lg font-semibold">Create your account</h1>
      <FormField label="Your name" name="name" autoComplete="name" errors={errors.name} />
      <FormField label="Company" name="company" autoComplete="organization" errors={errors.company} />
      <FormField label="Work email" name="email" type="email" autoComplete="email" errors={errors.email} />
      <FormField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        placeholder="At least 10 characters"
        errors={errors.password}
      />
      {formError && (
        <p role="alert" data-testid="form-error" className="text-sm text-red-600">
          {formError}
        </p>
      )}
      <Button type="submit" disabled={busy}>
        {busy ? "Creating account…" : "Create account"}
      </Button>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-medium text-brand-600 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
