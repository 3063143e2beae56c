// Spreadsheet-like movement between the grid's cells: arrows, Enter (down) and Shift+Enter (up). Tab is the
// browser's own. Cells are found by their data-row / data-col attributes, so rows and columns without an input
// (read-only rows, columns an indicator does not use) are skipped.
import type { KeyboardEvent } from "react";

type Cell = HTMLInputElement | HTMLTextAreaElement;

function cellAt(table: HTMLElement, row: number, col: number): Cell | null {
  return table.querySelector<Cell>(`[data-row="${row}"][data-col="${col}"]`);
}

function nearest(table: HTMLElement, row: number, col: number, dRow: number, dCol: number): Cell | null {
  const rows = Number(table.dataset.rows ?? 0);
  const cols = Number(table.dataset.cols ?? 0);
  for (let r = row + dRow, c = col + dCol; r >= 0 && r < rows && c >= 0 && c < cols; r += dRow, c += dCol) {
    const found = cellAt(table, r, c);
    if (found) return found;
  }
  return null;
}

/** Moves the focus for an arrow or Enter key pressed in a cell; other keys pass through. */
export function moveOnKey(event: KeyboardEvent<Cell>) {
  const input = event.currentTarget;
  const table = input.closest<HTMLElement>("[data-grid]");
  if (!table || event.altKey || event.ctrlKey || event.metaKey || event.nativeEvent.isComposing) return;
  const row = Number(input.dataset.row);
  const col = Number(input.dataset.col);
  const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
  const atEnd = input.selectionStart === input.value.length && input.selectionEnd === input.value.length;
  let next: Cell | null = null;
  if (event.key === "ArrowDown" || (event.key === "Enter" && !event.shiftKey)) next = nearest(table, row, col, 1, 0);
  else if (event.key === "ArrowUp" || (event.key === "Enter" && event.shiftKey)) next = nearest(table, row, col, -1, 0);
  else if (event.key === "ArrowLeft" && atStart) next = nearest(table, row, col, 0, -1);
  else if (event.key === "ArrowRight" && atEnd) next = nearest(table, row, col, 0, 1);
  else return;
  // Enter never submits the plain form from a cell; it moves down as in a spreadsheet.
  if (event.key === "Enter") event.preventDefault();
  if (!next) return;
  event.preventDefault();
  next.focus();
  next.select();
}
