import type { CellError } from "~/domain/cell-error";
import { useT } from "./use-t";

/** The problems of a refused import, one row each, by sheet (when the file has several), row and column. */
export function ImportErrors({
  errors,
  summary,
  bySheet = false,
  testId,
}: {
  errors: CellError[];
  summary: string;
  bySheet?: boolean;
  testId?: string;
}) {
  const t = useT();
  return (
    <div className="notice notice--error" role="alert" data-testid={testId}>
      <p>{summary}</p>
      <table className="data import-errors">
        <thead>
          <tr>
            {bySheet ? <th>{t("import.col.sheet")}</th> : null}
            <th className="num">{t("import.col.row")}</th>
            <th>{t("import.col.column")}</th>
            <th>{t("import.col.problem")}</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e, i) => (
            <tr key={i}>
              {bySheet ? <td>{e.sheet ?? "–"}</td> : null}
              <td className="num">{e.row === null ? "–" : t("import.rowN", { row: e.row })}</td>
              <td>
                {e.column ? (e.letter ? t("import.columnN", { letter: e.letter, name: e.column }) : e.column) : "–"}
              </td>
              <td>{t(e.key, e.params)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
