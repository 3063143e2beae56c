// The three imports (round workbook, rubric edition, certification registry) answer a refusal like every other
// form: with the page and its error table, and an HTTP status that says what went wrong.
import { data } from "@remix-run/node";

type ImportResult = { ok: boolean; fileError?: { key: string }; errors?: object[] };

/** Too large as sent, or once unpacked (indicators/xlsx-guard.ts refuses zip bombs before exceljs reads them). */
const TOO_LARGE = new Set([
  "excel.error.tooLarge",
  "editions.import.tooLarge",
  "registry.import.tooLarge",
  "xlsx.error.tooLargeUnpacked",
  "xlsx.error.ratio",
]);
/** Sent right, but the round cannot take it now (not open, or changed while the file was read). */
const CONFLICT = new Set(["excel.error.roundNotOpen", "excel.error.changedMeanwhile"]);
/** No file, or not a kind of file this import reads. */
const BAD_REQUEST = new Set([
  "excel.error.noFile",
  "excel.error.notXlsx",
  "editions.import.noFile",
  "editions.import.badType",
  "registry.import.noFile",
  "registry.import.badType",
]);

/** 200 when imported; 413 too large, 409 conflict, 400 no usable file, 422 a file whose content was refused. */
export function importStatus(result: ImportResult): number {
  if (result.ok) return 200;
  const keys = [result.fileError?.key, ...(result.errors ?? []).map((e) => (e as { key?: unknown }).key)].filter(
    (k): k is string => typeof k === "string",
  );
  if (keys.some((k) => TOO_LARGE.has(k))) return 413;
  if (keys.some((k) => CONFLICT.has(k))) return 409;
  if (keys.some((k) => BAD_REQUEST.has(k))) return 400;
  return 422;
}

export function importAnswer<T extends ImportResult>(result: T) {
  return data(result, { status: importStatus(result), headers: { "Cache-Control": "no-store" } });
}
