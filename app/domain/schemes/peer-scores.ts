// Peer scores a coordinator types or pastes (CSV) to estimate a relative grade: one line per institution,
// "이름,총점[,항목1,항목2,…]" with scores out of 100 and at most two decimals (82.86). A header line is recognised
// and skipped. Pure; the form and the server ask the same function. Problems name the line.

export interface PeerRow {
  name: string;
  /** "total" or an item code → hundredths of a point. */
  scores: Record<string, number>;
}

export interface PeerProblem {
  line: number;
  kind: "name" | "score" | "columns" | "duplicate" | "tooMany";
}

export const MAX_PEERS = 400;
const SCORE = /^\d{1,3}(\.\d{1,2})?$/;

/** Splits one CSV line (quotes allowed around a field, "" inside quotes for a quote). */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === "," || ch === "\t") {
      out.push(field);
      field = "";
    } else field += ch;
  }
  out.push(field);
  return out.map((f) => f.trim());
}

/**
 * Parses the text into peer rows. `itemCodes` are the columns after the total, in order (the edition's items);
 * empty item cells are allowed (a notice may give the total only). Scores above `scale` are refused.
 */
export function parsePeerScores(
  text: string,
  itemCodes: readonly string[],
  scale = 100,
): { rows: PeerRow[]; problems: PeerProblem[] } {
  const rows: PeerRow[] = [];
  const problems: PeerProblem[] = [];
  const seen = new Set<string>();
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim()) return;
    const cells = splitCsv(raw);
    // A header: the total column is not a number.
    if (rows.length === 0 && problems.length === 0 && cells[1] !== undefined && !SCORE.test(cells[1]) && index === 0)
      return;
    const name = cells[0].normalize("NFC");
    if (!name || name.length > 100) return void problems.push({ line, kind: "name" });
    if (cells.length < 2 || cells.length > 2 + itemCodes.length) return void problems.push({ line, kind: "columns" });
    const scores: Record<string, number> = {};
    const parts = ["total", ...itemCodes];
    for (let c = 1; c < cells.length; c++) {
      const cell = cells[c];
      if (cell === "" && c > 1) continue;
      if (!SCORE.test(cell) || Number(cell) > scale) return void problems.push({ line, kind: "score" });
      scores[parts[c - 1]] = Math.round(Number(cell) * 100);
    }
    if (seen.has(name)) return void problems.push({ line, kind: "duplicate" });
    seen.add(name);
    rows.push({ name, scores });
  });
  if (rows.length > MAX_PEERS) problems.push({ line: lines.length, kind: "tooMany" });
  return { rows, problems };
}
