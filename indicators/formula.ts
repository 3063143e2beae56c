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
    if (/\s/.test(c)) { i++; continue; }
    const num = /^\d+(\.\d+)?/.exec(src.slice(i));
    if (num) { tokens.push({ kind: "num", value: Number(num[0]) }); i += num[0].length; continue; }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (id) { tokens.push({ kind: "id", name: id[0] }); i += id[0].length; continue; }
    if ("+-*/()".includes(c)) { tokens.push({ kind: "op", op: c }); i++; continue; }
    return `unexpected character "${c}" at position ${i + 1}`;
  }
  return tokens;
}

/** Parses a formula; returns the tree, or an error message naming what is wrong. */
export function parseFormula(src: string, allowedKeys: readonly string[]): { ok: true; ast: Ast } | { ok: false; message: string } {
  const tokenized = tokenize(src);
  if (typeof tokenized === "string") return { ok: false, message: tokenized };
  const tokens: Token[] = tokenized;
  let pos = 0;
  const peek = () => tokens[pos];
  const fail = (message: string): never => { throw new SyntaxError(message); };

  function primary(): Ast {
    const t = tokens[pos++];
    if (!t) return fail("unexpected end of formula");
    if (t.kind === "num") return { type: "num", value: t.value };
    if (t.kind === "id") {
      if (!allowedKeys.includes(t.name)) fail(`unknown input "${t.name}" (declared: ${allowedKeys.join(", ") || "none"})`);
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
    if (pos < tokens.length) return { ok: false, message: `unexpected "${JSON.stringify(tokens[pos])}" after the end of the formula` };
    return { ok: true, ast };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

/** Evaluates a parsed formula; division by zero is an error, never Infinity or NaN. */
export function evaluateFormula(ast: Ast, inputs: Record<string, number>): { ok: true; value: number } | { ok: false; message: string } {
  function ev(node: Ast): number {
    switch (node.type) {
      case "num": return node.value;
      case "var": {
        const v = inputs[node.name];
        if (typeof v !== "number" || !Number.isFinite(v)) throw new RangeError(`input "${node.name}" is missing`);
        return v;
      }
      case "neg": return -ev(node.arg);
      case "bin": {
        const l = ev(node.left);
        const r = ev(node.right);
        if (node.op === "/" && r === 0) throw new RangeError("division by zero");
        return node.op === "+" ? l + r : node.op === "-" ? l - r : node.op === "*" ? l * r : l / r;
      }
    }
  }
  try {
    return { ok: true, value: ev(ast) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}
