// The admin typing in the sheet, cell by cell (each an edit, so onEdit runs as in Sheets): shared by the
// local server's example data (seed.ts) and the bundle tests (test/bundle/harness.ts).
import type { Emulator } from '../emulator/src';
import { cellA1 } from '../emulator/src/spreadsheet/a1';

/** Types `value` in the `Valeur` cell of the `Paramètres` row labelled `label`. */
export function setSetting(emu: Emulator, label: string, value: string | number): void {
  const index = emu.spreadsheet.values('Paramètres').findIndex((r) => r[0] === label);
  if (index < 0) throw new Error(`Paramètre inconnu : ${label}`);
  emu.edit('Paramètres', cellA1(index + 1, 2), value);
}

/** Appends a row by header names (any column, past Z too) and returns its row number. */
export function addRow(emu: Emulator, tab: string, record: Record<string, unknown>): number {
  const rows = emu.spreadsheet.values(tab);
  const headers = rows[0].map(String);
  const row = rows.length + 1;
  for (const [header, value] of Object.entries(record)) {
    const col = headers.indexOf(header);
    if (col < 0) throw new Error(`Pas de colonne ${header} dans ${tab}`);
    emu.edit(tab, cellA1(row, col + 1), value);
  }
  return row;
}
