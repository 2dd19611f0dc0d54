/**
 * Flow-control keys are Inngest expressions over the triggering event. Inngest evaluates them
 * itself (CEL); the embedded executor evaluates the same strings, so only the subset both agree
 * on is accepted: `event.data.<path>`, string literals and `+` (concatenation).
 */

export class InvalidKeyExpressionError extends Error {
  constructor(
    readonly expression: string,
    reason: string,
  ) {
    super(`Invalid key expression ${JSON.stringify(expression)}: ${reason}`);
    this.name = "InvalidKeyExpressionError";
  }
}

type Term = { kind: "literal"; value: string } | { kind: "path"; path: string[] };

export interface KeyExpression {
  source: string;
  evaluate(event: { data: Record<string, unknown> }): string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function readString(source: string, start: number): { value: string; end: number } {
  const quote = source[start];
  let value = "";
  for (let i = start + 1; i < source.length; i++) {
    const char = source[i];
    if (char === "\\") {
      const next = source[i + 1];
      if (next === undefined) break;
      value += next;
      i++;
    } else if (char === quote) {
      return { value, end: i + 1 };
    } else {
      value += char;
    }
  }
  throw new InvalidKeyExpressionError(source, "unterminated string literal");
}

function readPath(source: string, start: number): { path: string[]; end: number } {
  let end = start;
  while (end < source.length && /[A-Za-z0-9_.]/.test(source[end] ?? "")) end++;
  const parts = source.slice(start, end).split(".");
  if (parts[0] !== "event" || parts[1] !== "data" || parts.length < 3) {
    throw new InvalidKeyExpressionError(source, `only event.data.<field> paths are supported, got "${parts.join(".")}"`);
  }
  const path = parts.slice(2);
  if (!path.every((p) => IDENTIFIER.test(p))) {
    throw new InvalidKeyExpressionError(source, `"${parts.join(".")}" is not a valid path`);
  }
  return { path, end };
}

function parse(source: string): Term[] {
  const terms: Term[] = [];
  let i = 0;
  let expectTerm = true;
  const skipSpace = () => {
    while (i < source.length && /\s/.test(source[i] ?? "")) i++;
  };
  skipSpace();
  while (i < source.length) {
    const char = source[i] ?? "";
    if (expectTerm) {
      if (char === '"' || char === "'") {
        const { value, end } = readString(source, i);
        terms.push({ kind: "literal", value });
        i = end;
      } else if (/[A-Za-z_]/.test(char)) {
        const { path, end } = readPath(source, i);
        terms.push({ kind: "path", path });
        i = end;
      } else {
        throw new InvalidKeyExpressionError(source, `unexpected "${char}" at ${i}`);
      }
      expectTerm = false;
    } else {
      if (char !== "+") throw new InvalidKeyExpressionError(source, `expected "+" at ${i}, got "${char}"`);
      i++;
      expectTerm = true;
    }
    skipSpace();
  }
  if (terms.length === 0) throw new InvalidKeyExpressionError(source, "empty expression");
  if (expectTerm) throw new InvalidKeyExpressionError(source, 'dangling "+"');
  return terms;
}

function lookup(data: Record<string, unknown>, path: string[]): string {
  let value: unknown = data;
  for (const part of path) {
    value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[part] : undefined;
  }
  // CEL would refuse to concatenate a missing field; a missing key groups with other missing keys
  // rather than failing the send.
  if (value === undefined || value === null) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** Parses a key expression once (at definition time) into an evaluator; throws on anything unsupported. */
export function compileKeyExpression(source: string): KeyExpression {
  const terms = parse(source);
  return {
    source,
    evaluate: (event) => terms.map((t) => (t.kind === "literal" ? t.value : lookup(event.data, t.path))).join(""),
  };
}
