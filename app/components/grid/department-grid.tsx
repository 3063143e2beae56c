import { Form, Link, useFetcher } from "@remix-run/react";
import { type ChangeEvent, type ClipboardEvent, useEffect, useMemo, useRef, useState } from "react";
import type { Indicator } from "#indicators/schema";
import { formatDateTime } from "~/domain/datetime";
import { scoreDraft } from "~/domain/response-rules";
import { inputLabel } from "~/domain/scoring";
import type { Locale, MessageKey, Params } from "~/i18n";

type T = (key: MessageKey, params?: Params) => string;
import {
  checkGridRow,
  columnOfField,
  columnUsed,
  GRID_COLUMNS,
  type GridCells,
  type GridColumn,
  gridFieldName,
  parseTsv,
} from "~/schemas/grid";
import type { GridRow, GridSaveResult } from "~/utils/grid.server";
import { formatTenths } from "../points";
import { StatusBadge } from "../round-header";
import { useHydrated } from "../use-hydrated";
import { useLocale, useT } from "../use-t";
import { fieldMessage } from "../work/labels";
import { useLeaveGuard } from "../work/use-leave-guard";
import { moveOnKey } from "./grid-keys";

const AUTOSAVE_MS = 2500;
const COL_KEYS: Record<GridColumn, MessageKey> = {
  implemented: "grid.col.implemented",
  answer: "grid.col.answer",
  input0: "grid.col.input0",
  input1: "grid.col.input1",
  narrative: "grid.col.narrative",
};

interface Problem {
  code: string;
  column: GridColumn | null;
  message: string;
}
type Base = Record<string, { cells: GridCells; version: number; selfTenths: number | null }>;
type Conflict = Extract<GridSaveResult, { reason: "conflict" }>["conflicts"][number];

const sameCells = (a: GridCells, b: GridCells) => GRID_COLUMNS.every((c) => a[c] === b[c]);

function cellPlaceholder(t: T, indicator: Indicator, column: GridColumn, locale: Locale): string {
  const s = indicator.scoring;
  if (column === "implemented") return t("grid.hint.implemented");
  if (column === "answer")
    return s.kind === "yesno" ? t("grid.hint.yesno") : s.kind === "levels" ? s.levels.map((l) => l.code).join("/") : "";
  if ((column === "input0" || column === "input1") && s.kind === "quantitative") {
    const input = s.inputs[Number(column.slice(5))];
    return input ? `${inputLabel(input, locale)}${input.unit ? ` (${input.unit})` : ""}` : "";
  }
  return "";
}

export interface DepartmentGridProps {
  roundId: number;
  rows: GridRow[];
  indicators: Indicator[];
  /** The plain form's answer (without JavaScript the page itself is posted). */
  pageResult?: GridSaveResult;
}

/**
 * All of a department's indicators in one table of text cells. Without JavaScript it is a plain form that posts every
 * row; with it, cells move like a spreadsheet's, a block pasted from Excel fills cells down and across, every row is
 * checked with the answer form's schema before anything is sent, and the changed rows are saved in one request.
 */
export function DepartmentGrid({ roundId, rows, indicators, pageResult }: DepartmentGridProps) {
  const t = useT();
  const locale = useLocale();
  const hydrated = useHydrated();
  const byCode = useMemo(() => new Map(indicators.map((i) => [i.code, i])), [indicators]);
  const [base, setBase] = useState<Base>(() =>
    Object.fromEntries(rows.map((r) => [r.code, { cells: r.cells, version: r.version, selfTenths: r.selfTenths }])),
  );
  const [cells, setCells] = useState<Record<string, GridCells>>(() =>
    Object.fromEntries(rows.map((r) => [r.code, r.cells])),
  );
  const problemsOf = (result: GridSaveResult | undefined): Problem[] =>
    result && !result.ok && result.reason === "invalid"
      ? result.problems.map((p) => {
          const indicator = byCode.get(p.code);
          const cellProblem = indicator && p.field !== "_row";
          return {
            code: p.code,
            column: cellProblem ? columnOfField(indicator, p.field) : null,
            message: cellProblem ? fieldMessage(t, indicator, p.field, p.key, {}, locale) : t(p.key as MessageKey),
          };
        })
      : [];
  const [serverProblems, setServerProblems] = useState<Problem[]>(() => problemsOf(pageResult));
  const [pasteProblem, setPasteProblem] = useState<string | null>(null);
  const [conflicts, setConflicts] = useState<Conflict[]>(() =>
    pageResult && !pageResult.ok && pageResult.reason === "conflict" ? pageResult.conflicts : [],
  );
  const [saved, setSaved] = useState<{ count: number; at: string | null } | null>(() =>
    pageResult?.ok ? { count: pageResult.saved.length, at: pageResult.savedAt } : null,
  );
  const [inFlight, setInFlight] = useState(false);
  const fetcher = useFetcher<GridSaveResult>({ key: `grid:${roundId}` });
  // The cells as sent: typing that goes on while a save is in flight stays unsaved (dirty) afterwards.
  const sent = useRef<Record<string, GridCells>>({});

  const editable = rows.filter((r) => r.lock === null);
  const dirtyCodes = editable.map((r) => r.code).filter((c) => !sameCells(cells[c]!, base[c]!.cells));
  const checks = new Map(dirtyCodes.map((c) => [c, checkGridRow(byCode.get(c)!, cells[c]!, base[c]!.version)]));
  const clientProblems: Problem[] = [];
  for (const [code, check] of checks) {
    if (check.ok) continue;
    for (const p of check.problems) {
      const indicator = byCode.get(code)!;
      clientProblems.push({
        code,
        column: columnOfField(indicator, p.field),
        message: fieldMessage(t, indicator, p.field, p.key, {}, locale),
      });
    }
  }
  const problems = clientProblems.length ? clientProblems : serverProblems;
  const invalidCell = new Set(problems.map((p) => `${p.code}:${p.column}`));
  const dirty = dirtyCodes.length > 0;
  const saveable = dirty && clientProblems.length === 0 && conflicts.length === 0;

  function save() {
    if (!saveable) return;
    const fields: Record<string, string> = { intent: "saveGrid" };
    for (const code of dirtyCodes) {
      fields[gridFieldName(code, "version")] = String(base[code]!.version);
      for (const col of GRID_COLUMNS) fields[gridFieldName(code, col)] = cells[code]![col];
    }
    sent.current = Object.fromEntries(dirtyCodes.map((c) => [c, cells[c]!]));
    setInFlight(true);
    setServerProblems([]);
    fetcher.submit(fields, { method: "post" });
  }

  useEffect(() => {
    const result = fetcher.data;
    if (!result || fetcher.state !== "idle") return;
    if (result.ok) {
      setBase((b) => {
        const next = { ...b };
        for (const code of result.saved)
          next[code] = {
            cells: sent.current[code]!,
            version: result.versions[code]!,
            selfTenths: result.selfTenths[code]!,
          };
        return next;
      });
      setSaved({ count: result.saved.length, at: result.savedAt });
      setConflicts([]);
    } else if (result.reason === "invalid") {
      setServerProblems(problemsOf(result));
    } else setConflicts(result.conflicts);
    setInFlight(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per finished save
  }, [fetcher.data, fetcher.state]);

  const snapshot = JSON.stringify(dirtyCodes.map((c) => cells[c]));
  useEffect(() => {
    if (!hydrated || !saveable || inFlight) return;
    const timer = setTimeout(save, AUTOSAVE_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `snapshot` stands for the cells
  }, [snapshot, hydrated, saveable, inFlight]);

  const leave = useLeaveGuard({
    dirty,
    saveable,
    busy: inFlight,
    save,
    confirmLeave: () => window.confirm(t("leave.confirmInvalid")),
  });

  const setCell = (code: string, col: GridColumn, value: string) =>
    setCells((c) => ({ ...c, [code]: { ...c[code]!, [col]: value } }));

  /** A block from a spreadsheet: filled down the visible editable rows and across the columns from this cell. */
  function onPaste(event: ClipboardEvent<HTMLInputElement | HTMLTextAreaElement>, rowIndex: number, col: GridColumn) {
    const text = event.clipboardData.getData("text/plain");
    if (!/[\t\n\r]/.test(text.replace(/[\r\n]+$/, ""))) return; // one value: the browser pastes it
    event.preventDefault();
    const block = parseTsv(text);
    const startCol = GRID_COLUMNS.indexOf(col);
    const targets = rows.slice(rowIndex, rowIndex + block.length);
    if (targets.length < block.length) {
      setPasteProblem(t("grid.paste.tooManyRows", { rows: block.length, room: targets.length }));
      return;
    }
    const locked = targets.find((r) => r.lock !== null);
    if (locked) {
      setPasteProblem(t("grid.paste.locked", { code: locked.code }));
      return;
    }
    if (block.some((line) => startCol + line.length > GRID_COLUMNS.length)) {
      setPasteProblem(t("grid.paste.tooManyColumns", { columns: GRID_COLUMNS.length - startCol }));
      return;
    }
    setPasteProblem(null);
    setCells((c) => {
      const next = { ...c };
      block.forEach((line, n) => {
        const code = targets[n]!.code;
        const row = { ...next[code]! };
        line.forEach((value, k) => (row[GRID_COLUMNS[startCol + k]!] = value.trim()));
        next[code] = row;
      });
      return next;
    });
  }

  const conflictOf = new Map(conflicts.map((c) => [c.code, c]));
  const busy = fetcher.state !== "idle";
  return (
    <Form
      method="post"
      className="grid-form"
      noValidate
      onSubmit={(e) => (hydrated ? (e.preventDefault(), save()) : undefined)}
    >
      <input type="hidden" name="intent" value="saveGrid" />
      <div className="grid-form__bar">
        <span className="save-state" role="status" data-testid="grid-state">
          {busy
            ? t(leave === "saving" ? "leave.saving" : "work.saving")
            : dirty
              ? t("grid.unsaved", { count: dirtyCodes.length })
              : saved
                ? t("grid.saved", { count: saved.count, time: saved.at ? formatDateTime(saved.at, locale) : "" })
                : ""}
        </span>
        <button type="submit" className="button" disabled={hydrated && !saveable}>
          {t("grid.save")}
        </button>
      </div>
      {pasteProblem || problems.length ? (
        <div className="notice notice--error" role="alert" data-testid="grid-problems">
          <p>{pasteProblem ?? t("grid.problems.title")}</p>
          {problems.length ? (
            <ul>
              {problems.map((p) => (
                <li key={`${p.code}:${p.column}:${p.message}`}>
                  {t("grid.problem", { code: p.code, message: p.message })}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {leave === "failed" ? (
        <p className="notice notice--warn" role="alert">
          {t("leave.failed")}
        </p>
      ) : null}
      <p className="small muted table-scroll-hint">{t("grid.scrollHint")}</p>
      <div className="panel table-wrap">
        <table className="data dept-grid" data-grid data-rows={rows.length} data-cols={GRID_COLUMNS.length}>
          <caption>{t("grid.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("home.code")}</th>
              <th scope="col">{t("home.indicator")}</th>
              {GRID_COLUMNS.map((c) => (
                <th scope="col" key={c}>
                  {t(COL_KEYS[c])}
                </th>
              ))}
              <th scope="col" className="num">
                {t("home.selfScore")}
              </th>
              <th scope="col" className="num">
                {t("grid.col.evidence")}
              </th>
              <th scope="col">{t("common.status")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, rowIndex) => {
              const indicator = byCode.get(r.code)!;
              const check = checks.get(r.code);
              const score =
                check?.ok === true ? scoreDraft(indicator, check.draft) : check ? null : { state: "stored" as const };
              const tenths =
                score === null
                  ? null
                  : score.state === "stored"
                    ? base[r.code]!.selfTenths
                    : score.state === "scored"
                      ? score.tenths
                      : null;
              const conflict = conflictOf.get(r.code);
              const href = `/rounds/${roundId}/indicators/${encodeURIComponent(r.code)}`;
              return (
                <tr
                  key={r.code}
                  data-code={r.code}
                  data-status={r.status}
                  className={conflict ? "row--returned" : undefined}
                >
                  <td className="num">{r.code}</td>
                  <td className="dept-grid__title">
                    <Link to={href}>{r.title}</Link>
                    {conflict ? (
                      <div className="notice notice--warn small" role="alert" data-testid="grid-conflict">
                        {t("grid.conflict", {
                          who: conflict.updatedBy ?? "",
                          time: conflict.updatedAt ? formatDateTime(conflict.updatedAt, locale) : "",
                        })}{" "}
                        <span>
                          {GRID_COLUMNS.filter((c) => conflict.cells[c])
                            .map((c) => conflict.cells[c])
                            .join(" · ")}
                        </span>{" "}
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          onClick={() => {
                            setBase((b) => ({
                              ...b,
                              [r.code]: { ...b[r.code]!, cells: conflict.cells, version: conflict.version },
                            }));
                            setCells((c) => ({ ...c, [r.code]: conflict.cells }));
                            setConflicts((cs) => cs.filter((x) => x.code !== r.code));
                          }}
                        >
                          {t("grid.conflict.useTheirs")}
                        </button>{" "}
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          onClick={() => {
                            setBase((b) => ({ ...b, [r.code]: { ...b[r.code]!, version: conflict.version } }));
                            setConflicts((cs) => cs.filter((x) => x.code !== r.code));
                          }}
                        >
                          {t("grid.conflict.keepMine")}
                        </button>
                      </div>
                    ) : null}
                  </td>
                  {GRID_COLUMNS.map((col, colIndex) => {
                    if (!columnUsed(indicator, col))
                      return (
                        <td key={col} className="dept-grid__na" aria-label={t("grid.na")}>
                          –
                        </td>
                      );
                    if (r.lock !== null)
                      return (
                        <td key={col} className="dept-grid__ro">
                          {col === "narrative" ? <span className="dept-grid__clip">{r.cells[col]}</span> : r.cells[col]}
                        </td>
                      );
                    const invalid = invalidCell.has(`${r.code}:${col}`);
                    const cellProps = {
                      name: gridFieldName(r.code, col),
                      value: cells[r.code]![col],
                      onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
                        setCell(r.code, col, e.target.value),
                      onKeyDown: moveOnKey,
                      onPaste: (e: ClipboardEvent<HTMLInputElement | HTMLTextAreaElement>) => onPaste(e, rowIndex, col),
                      placeholder: cellPlaceholder(t, indicator, col, locale),
                      title: cellPlaceholder(t, indicator, col, locale) || undefined,
                      "aria-label": `${r.code} ${t(COL_KEYS[col])}`,
                      "aria-invalid": invalid || undefined,
                      autoComplete: "off",
                      "data-row": rowIndex,
                      "data-col": colIndex,
                      className: col === "narrative" ? "dept-grid__narrative" : undefined,
                    };
                    return (
                      <td
                        key={col}
                        className={invalid ? "dept-grid__cell dept-grid__cell--invalid" : "dept-grid__cell"}
                      >
                        {colIndex === 0 ? (
                          <input type="hidden" name={gridFieldName(r.code, "version")} value={base[r.code]!.version} />
                        ) : null}
                        {/* The narrative keeps its line breaks: a textarea, one line high (an input would drop them). */}
                        {col === "narrative" ? (
                          <textarea rows={1} {...cellProps} />
                        ) : (
                          <input type="text" {...cellProps} />
                        )}
                      </td>
                    );
                  })}
                  <td className="num" data-testid="grid-score">
                    {tenths === null ? "–" : formatTenths(tenths)}
                    <span className="muted small"> / {formatTenths(r.maxTenths)}</span>
                  </td>
                  <td className="num">
                    <Link
                      to={`${href}#evidence`}
                      aria-label={t("grid.evidenceLink", { code: r.code, count: r.evidenceCount })}
                    >
                      {r.evidenceCount}
                    </Link>
                  </td>
                  <td>
                    <StatusBadge status={r.status} />
                    {r.role === "support" ? <span className="badge">{t("home.role.support")}</span> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {editable.length === 0 ? <p className="notice">{t("grid.noneEditable")}</p> : null}
    </Form>
  );
}
