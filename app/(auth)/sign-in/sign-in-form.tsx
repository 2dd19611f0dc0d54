"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { Button } from "@/app/_components/button";
import { FormField } from "@/app/_components/form-field";
import type { FieldErrors } from "@/app/_lib/field-errors";
import { signInInput } from "@/server/auth/credentials";

const WRONG_CREDENTIALS = "Email or password is incorrect.";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const parsed = signInInput.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (!parsed.success) {
      setErrors(z.flattenError(parsed.error).fieldErrors);
      return;
    }
    setErrors({});
    setBusy(true);
    const result = await signIn("credentials", { ...parsed.data, redirect: false });
    setBusy(false);
    if (!result || result.error) {
      setFormError(!result || result.error === "CredentialsSignin" ? WRONG_CREDENTIALS : result.error);
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <h1 className="text-lg font-semibold">Sign in</h1>
      <FormField label="Email" name="email" type="email" autoComplete="email" errors={errors.email} />
      <FormField label="Password" name="password" type="password" autoComplete="current-password" errors={errors.password} />
      {formError && (
        <p role="alert" data-testid="form-error" className="text-sm text-red-600">
          {formError}
        </p>
      )}
      <Button type="submit" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </Button>
      <p className="text-center text-sm text-slate-600">
        New to Tandem?{" "}
        <Link href="/sign-up" className="font-medium text-brand-600 hover:underline">
          Create an account
        </Link>
      </p>
    </form>
  );
}
