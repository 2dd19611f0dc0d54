import type { InputHTMLAttributes } from "react";

interface FormFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  name: string;
  errors?: string[];
}

export function FormField({ label, name, errors, ...input }: FormFieldProps) {
  const errorId = `${name}-error`;
  const invalid = Boolean(errors?.length);
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={name}
        name={name}
        aria-invalid={invalid}
        aria-describedby={invalid ? errorId : undefined}
        className={`block w-full rounded-md border px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 ${
          invalid ? "border-red-400 focus:ring-red-200" : "border-slate-300 focus:ring-brand-100"
        }`}
        {...input}
      />
      {invalid && (
        <p id={errorId} className="text-sm text-red-600">
          {errors?.[0]}
        </p>
      )}
    </div>
  );
}
