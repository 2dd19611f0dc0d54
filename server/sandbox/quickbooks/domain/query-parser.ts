import { faults } from "./faults";

/**
 * The QBO query language: `SELECT *|COUNT(*) FROM Entity [WHERE p op v AND ...] [ORDERBY p [ASC|DESC], ...]
 * [STARTPOSITION n] [MAXRESULTS n]`. Keywords are case-insensitive; there is no OR, JOIN or projection.
 * Syntax errors are fault 4000; a well-formed query that asks for something impossible is 4001 (see query-validate).
 */
export type QueryOperator = "=" | "<" | ">" | "<=" | ">=" | "IN" | "LIKE";
export type QueryLiteral = string | number | boolean;

export interface QueryCondition {
  path: string;
  operator: QueryOperator;
  value: QueryLiteral | QueryLiteral[];
}

export interface QueryOrder {
  path: string;
  descending: boolean;
}

export interface ParsedQuery {
  count: boolean;
  entity: string;
  where: QueryCondition[];
  orderBy: QueryOrder[];
  startPosition?: number;
  maxResults?: number;
}

type Token =
  | { kind: "word"; text: string; at: number }
  | { kind: "string"; text: string; at: number }
  | { kind: "number"; text: string; at: number }
  | { kind: "symbol"; text: string; at: number };

const SYMBOLS = ["<=", ">=", "!=", "<>", "=", "<", ">", "(", ")", ",", "*"];

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'") {
      const start = i;
      let text = "";
      i++;
      for (;;) {
        if (i >= input.length) throw faults.queryParse(`Lexical error at line 1, column ${start + 1}. Unterminated string literal`);
        const ch = input[i]!;
        if (ch === "\\" && i + 1 < input.length) {
          text += input[i + 1];
          i += 2;
        } else if (ch === "'") {
          i++;
          break;
        } else {
          text += ch;
          i++;
        }
      }
      tokens.push({ kind: "string", text, at: start });
      continue;
    }
    if (/[0-9]/.test(c) || (c === "-" && /[0-9]/.test(input[i + 1] ?? ""))) {
      const match = /^-?\d+(\.\d+)?/.exec(input.slice(i))!;
      tokens.push({ kind: "number", text: match[0], at: i });
      i += match[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(input.slice(i))!;
      tokens.push({ kind: "word", text: match[0], at: i });
      i += match[0].length;
      continue;
    }
    const symbol = SYMBOLS.find((s) => input.startsWith(s, i));
    if (!symbol) throw faults.queryParse(`Lexical error at line 1, column ${i + 1}. Encountered: "${c}"`);
    tokens.push({ kind: "symbol", text: symbol, at: i });
    i += symbol.length;
  }
  return tokens;
}

class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private fail(expected: string): never {
    const token = this.peek();
    if (!token) throw faults.queryParse(`Encountered "<EOF>" at line 1. Was expecting ${expected}`);
    throw faults.queryParse(`Encountered " ${token.text} " at line 1, column ${token.at + 1}. Was expecting ${expected}`);
  }

  private isKeyword(keyword: string): boolean {
    const token = this.peek();
    return token?.kind === "word" && token.text.toUpperCase() === keyword;
  }

  private keyword(keyword: string): void {
    if (!this.isKeyword(keyword)) this.fail(keyword);
    this.position++;
  }

  private symbol(symbol: string): void {
    const token = this.peek();
    if (token?.kind !== "symbol" || token.text !== symbol) this.fail(`"${symbol}"`);
    this.position++;
  }

  private identifier(what: string): string {
    const token = this.peek();
    if (token?.kind !== "word") this.fail(what);
    this.position++;
    return token.text;
  }

  private integer(what: string): number {
    const token = this.peek();
    if (token?.kind !== "number" || !/^\d+$/.test(token.text)) this.fail(what);
    this.position++;
    return Number(token.text);
  }

  private literal(): QueryLiteral {
    const token = this.peek();
    if (!token) this.fail("a value");
    if (token.kind === "string") {
      this.position++;
      return token.text;
    }
    if (token.kind === "number") {
      this.position++;
      return Number(token.text);
    }
    if (token.kind === "word" && /^(true|false)$/i.test(token.text)) {
      this.position++;
      return token.text.toLowerCase() === "true";
    }
    this.fail("a quoted string, a number, true or false");
  }

  private operator(): QueryOperator {
    const token = this.peek();
    if (token?.kind === "symbol" && ["=", "<", ">", "<=", ">="].includes(token.text)) {
      this.position++;
      return token.text as QueryOperator;
    }
    if (token?.kind === "word" && ["IN", "LIKE"].includes(token.text.toUpperCase())) {
      this.position++;
      return token.text.toUpperCase() as QueryOperator;
    }
    this.fail("one of =, <, >, <=, >=, IN, LIKE");
  }

  private condition(): QueryCondition {
    const path = this.identifier("a property name");
    const operator = this.operator();
    if (operator === "IN") {
      this.symbol("(");
      const values = [this.literal()];
      while (this.peek()?.text === ",") {
        this.position++;
        values.push(this.literal());
      }
      this.symbol(")");
      return { path, operator, value: values };
    }
    const value = this.literal();
    if (operator === "LIKE" && typeof value !== "string") this.fail("a quoted string after LIKE");
    return { path, operator, value };
  }

  parse(): ParsedQuery {
    this.keyword("SELECT");
    let count = false;
    if (this.isKeyword("COUNT")) {
      this.position++;
      this.symbol("(");
      this.symbol("*");
      this.symbol(")");
      count = true;
    } else {
      this.symbol("*");
    }
    this.keyword("FROM");
    const entity = this.identifier("an entity name");
    const query: ParsedQuery = { count, entity, where: [], orderBy: [] };
    if (this.isKeyword("WHERE")) {
      this.position++;
      query.where.push(this.condition());
      while (this.isKeyword("AND")) {
        this.position++;
        query.where.push(this.condition());
      }
      if (this.isKeyword("OR")) throw faults.queryParse(`Encountered " OR " at line 1. OR is not supported`);
    }
    if (this.isKeyword("ORDERBY") || this.isKeyword("ORDER")) {
      if (this.isKeyword("ORDER")) {
        this.position++;
        this.keyword("BY");
      } else {
        this.position++;
      }
      do {
        if (this.peek()?.text === ",") this.position++;
        const path = this.identifier("a property name");
        let descending = false;
        if (this.isKeyword("DESC") || this.isKeyword("ASC")) {
          descending = this.peek()!.text.toUpperCase() === "DESC";
          this.position++;
        }
        query.orderBy.push({ path, descending });
      } while (this.peek()?.text === ",");
    }
    if (this.isKeyword("STARTPOSITION")) {
      this.position++;
      query.startPosition = this.integer("a start position");
    }
    if (this.isKeyword("MAXRESULTS")) {
      this.position++;
      query.maxResults = this.integer("a maximum result count");
    }
    if (this.peek()) this.fail("<EOF>");
    return query;
  }
}

export function parseQuery(input: string): ParsedQuery {
  return new Parser(tokenize(input.trim())).parse();
}
