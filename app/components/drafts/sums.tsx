import type { Sum } from "~/domain/edition-edit";
import { formatTenths } from "../points";
import { useT } from "../use-t";

/** "진단항목 1.1 고객 만족: 세부지표 합 105.0점, 배점 100.0점" — names what does not add up. */
export function useSumText() {
  const t = useT();
  return (s: Sum) => {
    const what =
      s.kind === "total"
        ? t("draft.sum.total")
        : `${t(s.kind === "area" ? "editions.area" : "editions.item")} ${s.code} ${s.title}`;
    const parts = t(
      s.kind === "total" ? "draft.sum.ofAreas" : s.kind === "area" ? "draft.sum.ofItems" : "draft.sum.ofIndicators",
    );
    return t("draft.sum.off", {
      what,
      parts,
      sum: formatTenths(s.sumTenths),
      expected: formatTenths(s.expectedTenths),
    });
  };
}

/** Every sum that does not balance, or a line saying they all do. */
export function SumsPanel({ sums, id }: { sums: Sum[]; id?: string }) {
  const t = useT();
  const text = useSumText();
  const off = sums.filter((s) => s.sumTenths !== s.expectedTenths);
  return (
    <div id={id} className={`notice ${off.length ? "notice--warn" : "notice--ok"}`} aria-live="polite">
      {off.length === 0 ? (
        <p>{t("draft.sum.balanced")}</p>
      ) : (
        <>
          <p>{t("draft.sum.offCount", { count: off.length })}</p>
          <ul>
            {off.map((s) => (
              <li key={`${s.kind}-${s.code}`}>{text(s)}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** The rest of what `validateEdition` refuses (formulas, codes, references), as it words it. */
export function ProblemsList({ messages }: { messages: string[] }) {
  const t = useT();
  if (messages.length === 0) return null;
  return (
    <div className="notice notice--error">
      <p>{t("draft.problems", { count: messages.length })}</p>
      <ul>
        {messages.map((m, i) => (
          <li key={i}>
            <code>{m}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}
