// A tiny, safe arithmetic language for quantitative indicators: numbers, input names, + - * / and parentheses.
// Parsed into a tree once and evaluated without eval or Function.

export type Ast =
  | { type: "num"; value: number }
  | { type: "var"; name: string }
  | { type: "neg"; arg: Ast }
  | { type: "bin"; op: "+" | "-" | "*" | "/"; left: Ast; right: Ast };

type Token = { kind: "num"; value: number } | { kind: "id"; name: string } | { kind: "op"; op: string };

function tokenize(src: string): Token[] | string {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^\d+(\.\d+)?/.exec(src.slice(i));
    if (num) {
      tokens.push({ kind: "num", value: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (id) {
      tokens.push({ kind: "id", name: id[0] });
      i += id[0].length;
      continue;
    }
    if ("+-*/()".includes(c)) {
      tokens.push({ kind: "op", op: c });
      i++;
      continue;
    }
    return `unexpected character "${c}" at position ${i + 1}`;
  }
  return tokens;
}

/** Parses a formula; returns the tree, or an error message naming what is wrong. */
export function parseFormula(
  src: string,
  allowedKeys: readonly string[],
): { ok: true; ast: Ast } | { ok: false; message: string } {
  const tokenized = tokenize(src);
  if (typeof tokenized === "string") return { ok: false, message: tokenized };
  const tokens: Token[] = tokenized;
  let pos = 0;
  const peek = () => tokens[pos];
  const fail = (message: string): never => {
    throw new SyntaxError(message);
  };

  function primary(): Ast {
    const t = tokens[pos++];
    if (!t) return fail("unexpected end of formula");
    if (t.kind === "num") return { type: "num", value: t.value };
    if (t.kind === "id") {
      if (!allowedKeys.includes(t.name))
        fail(`unknown input "${t.name}" (declared: ${allowedKeys.join(", ") || "none"})`);
      return { type: "var", name: t.name };
    }
    if (t.op === "-") return { type: "neg", arg: primary() };
    if (t.op === "(") {
      const inner = expr();
      const close = tokens[pos++];
      if (!close || close.kind !== "op" || close.op !== ")") fail("missing closing parenthesis");
      return inner;
    }
    return fail(`unexpected "${t.op}"`);
  }
  function term(): Ast {
    let left = primary();
    for (let t = peek(); t && t.kind === "op" && (t.op === "*" || t.op === "/"); t = peek()) {
      pos++;
      left = { type: "bin", op: t.op as "*" | "/", left, right: primary() };
    }
    return left;
  }
  function expr(): Ast {
    let left = term();
    for (let t = peek(); t && t.kind === "op" && (t.op === "+" || t.op === "-"); t = peek()) {
      pos++;
      left = { type: "bin", op: t.op as "+" | "-", left, right: term() };
    }
    return left;
  }

  try {
    if (tokens.length === 0) return { ok: false, message: "formula is empty" };
    const ast = expr();
    if (pos < tokens.length)
      return { ok: false, message: `unexpected "${JSON.stringify(tokens[pos])}" after the end of the formula` };
    return { ok: true, ast };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

export type Evaluation =
  | { ok: true; value: number }
  /** `divisor`: the inputs of the divisor that came out as 0 (empty when it is a constant), for naming the field. */
  | { ok: false; message: string; divisor?: string[] };

class DivisionByZero extends RangeError {
  constructor(readonly divisor: Ast) {
    super("division by zero");
  }
}

/** Evaluates a parsed formula; division by zero is an error naming the divisor's inputs, never Infinity or NaN. */
export function evaluateFormula(ast: Ast, inputs: Record<string, number>): Evaluation {
  function ev(node: Ast): number {
    switch (node.type) {
      case "num":
        return node.value;
      case "var": {
        const v = inputs[node.name];
        if (typeof v !== "number" || !Number.isFinite(v)) throw new RangeError(`input "${node.name}" is missing`);
        return v;
      }
      case "neg":
        return -ev(node.arg);
      case "bin": {
        const l = ev(node.left);
        const r = ev(node.right);
        if (node.op === "/" && r === 0) throw new DivisionByZero(node.right);
        return node.op === "+" ? l + r : node.op === "-" ? l - r : node.op === "*" ? l * r : l / r;
      }
    }
  }
  try {
    return { ok: true, value: ev(ast) };
  } catch (error) {
    if (error instanceof DivisionByZero)
      return { ok: false, message: error.message, divisor: formulaInputs(error.divisor) };
    return { ok: false, message: (error as Error).message };
  }
}

/** The inputs a formula (or part of one) uses, in order of first appearance. */
export function formulaInputs(ast: Ast): string[] {
  const out: string[] = [];
  const walk = (node: Ast): void => {
    if (node.type === "var") {
      if (!out.includes(node.name)) out.push(node.name);
    } else if (node.type === "neg") walk(node.arg);
    else if (node.type === "bin") {
      walk(node.left);
      walk(node.right);
    }
  };
  walk(ast);
  return out;
}

const SYMBOL = { "+": "+", "-": "\u2212", "*": "×", "/": "÷" } as const;
const PRECEDENCE = { "+": 1, "-": 1, "*": 2, "/": 2 } as const;

/**
 * A formula as a person reads it: each input by its label, × ÷ − for * / -, and only the parentheses the order of
 * operations needs. `(legalDays - actualDays) / legalDays * 100` with Korean labels reads
 * "(총법정처리기간 − 총민원처리기간) ÷ 총법정처리기간 × 100".
 */
export function formulaInWords(ast: Ast, label: (key: string) => string): string {
  const number = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 10 });
  const show = (node: Ast): string => {
    switch (node.type) {
      case "num":
        return number(node.value);
      case "var":
        return label(node.name);
      case "neg":
        return `\u2212${node.arg.type === "bin" ? `(${show(node.arg)})` : show(node.arg)}`;
      case "bin": {
        const p = PRECEDENCE[node.op];
        const left =
          node.left.type === "bin" && PRECEDENCE[node.left.op] < p ? `(${show(node.left)})` : show(node.left);
        // a − (b + c) and a ÷ (b × c) keep their parentheses; a + (b + c) and a × (b × c) need none.
        const rightNeeds =
          node.right.type === "bin" &&
          (PRECEDENCE[node.right.op] < p || (PRECEDENCE[node.right.op] === p && (node.op === "-" || node.op === "/")));
        const right = rightNeeds ? `(${show(node.right)})` : show(node.right);
        return `${left} ${SYMBOL[node.op]} ${right}`;
      }
    }
  };
  return show(ast);
}
