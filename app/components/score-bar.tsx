interface Line {
  tenths: number;
  label: string;
}

/** A horizontal bar of value against max, with optional threshold lines (the 600 and 800 lines). */
export function ScoreBar({
  valueTenths,
  maxTenths,
  lines = [],
  compact = false,
}: {
  valueTenths: number;
  maxTenths: number;
  lines?: Line[];
  compact?: boolean;
}) {
  const pct = (v: number) => (maxTenths > 0 ? Math.min(100, Math.max(0, (v / maxTenths) * 100)) : 0);
  const application = lines.at(-1);
  const tone = application ? (valueTenths >= application.tenths ? "bar__fill--ok" : "bar__fill--warn") : "";
  return (
    <div className="scorebar">
      <div className="bar" role="img" aria-label={`${Math.round(pct(valueTenths))}%`}>
        <div className={`bar__fill ${tone}`} style={{ width: `${pct(valueTenths)}%` }} />
        {lines.map((l) => (
          <div key={l.tenths} className="bar__line" style={{ left: `${pct(l.tenths)}%` }} title={l.label} />
        ))}
      </div>
      {!compact && lines.length ? (
        <div className="scorebar__legend">
          <span>0</span>
          {lines.map((l) => (
            <span key={l.tenths} className="scorebar__mark" style={{ left: `${pct(l.tenths)}%` }}>
              {l.label}
            </span>
          ))}
          <span>{(maxTenths / 10).toLocaleString("ko-KR")}</span>
        </div>
      ) : null}
    </div>
  );
}
