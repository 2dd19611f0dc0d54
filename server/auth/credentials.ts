import { z } from "zod";

/** Shared by the sign-up form and the server so both report the same field errors. */
export const signUpInput = z.object({
  name: z.string().trim().min(1, "Enter your name").max(100, "Use at most 100 characters"),
  company: z.string().trim().min(1, "Enter your company's name").max(100, "Use at most 100 characters"),
  email: z.email("Enter a valid email address").max(254, "Use at most 254 characters"),
  password: z.string().min(10, "Use at least 10 characters").max(200, "Use at most 200 characters"),
});
export type SignUpInput = z.infer<typeof signUpInput>;

export const signInInput = z.object({
  email: z.email("Enter a valid email address"),
  password: z.string().min(1, "Enter your password"),
});

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
