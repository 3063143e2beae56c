// Points are handled as integers in tenths (7.5 points = 75): one decimal, as the Ministry scores, with no drift.

/** 7.5 → 75. Rounds to the nearest tenth. */
export function toTenths(points: number): number {
  return Math.round(points * 10);
}

/** Whether a number has at most one decimal (7.5 yes, 7.55 no). */
export function hasAtMostOneDecimal(points: number): boolean {
  return Math.abs(points * 10 - Math.round(points * 10)) < 1e-9;
}

/** 75 → "7.5", 10000 → "1,000.0". */
export function formatPoints(tenths: number): string {
  const sign = tenths < 0 ? "-" : "";
  const abs = Math.abs(Math.round(tenths));
  return `${sign}${Math.floor(abs / 10).toLocaleString("en-US")}.${abs % 10}`;
}
