import { z } from "zod";

// Control characters (NUL above all, which PostgreSQL refuses in text) have no place in a name.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** A one-line name a person types: trimmed, 1–100 characters, no control characters. */
export function personOrCompanyName(emptyMessage: string) {
  return z
    .string()
    .trim()
    .min(1, emptyMessage)
    .max(100, "Use at most 100 characters")
    .refine((value) => !CONTROL_CHARACTERS.test(value), "Use letters, digits and punctuation only");
}

/** Shared by the sign-up form and the server so both report the same field errors. */
const newPassword = z.string().min(10, "Use at least 10 characters").max(200, "Use at most 200 characters");

export const signUpInput = z.object({
  name: personOrCompanyName("Enter your name"),
  company: personOrCompanyName("Enter your company's name"),
  email: z.email("Enter a valid email address").max(254, "Use at most 254 characters"),
  password: newPassword,
});
export type SignUpInput = z.infer<typeof signUpInput>;

export const signInInput = z.object({
  email: z.email("Enter a valid email address"),
  password: z.string().min(1, "Enter your password"),
});

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, "Enter your current password"),
  newPassword,
});

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
