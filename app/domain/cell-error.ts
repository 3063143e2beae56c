import type { MessageKey, Params } from "~/i18n";

/**
 * One problem found in an imported spreadsheet (rubric workbook, registry CSV/Excel), placed where the person who
 * fills the file will look for it: sheet, row as the spreadsheet numbers it (header = row 1), column letter and header.
 * Null where the problem concerns the whole file, sheet or row.
 */
export interface CellError {
  sheet?: string | null;
  row: number | null;
  /** The column's header as the file wrote it (or the expected name when it is missing). */
  column: string | null;
  /** A, B, C … as the spreadsheet letters it. */
  letter: string | null;
  key: MessageKey;
  params?: Params;
}
