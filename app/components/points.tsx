/** Points from tenths: 7995 → "799.5". Always one decimal, as the Ministry reports scores. */
export function formatTenths(tenths: number): string {
  const sign = tenths < 0 ? "-" : "";
  const abs = Math.abs(tenths);
  return `${sign}${Math.floor(abs / 10).toLocaleString("ko-KR")}.${abs % 10}`;
}

export function Points({ tenths }: { tenths: number | null }) {
  return <span className="num">{tenths === null ? "–" : formatTenths(tenths)}</span>;
}
