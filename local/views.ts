// What the console shows, read from the emulator's state: tabs with their formats, mail, Drive,
// bookings, triggers, the clock.
import type { LocalWorld } from './world';

export interface TabView {
  name: string;
  /** Displayed values (the cell formats the product set: dates, euros), header row first. */
  rows: string[][];
}

export function tabs(world: LocalWorld): TabView[] {
  const emu = world.emu;
  return emu.spreadsheet.sheetNames().map((name) => ({ name, rows: emu.spreadsheet.displayValues(name) }));
}

export function snapshot(world: LocalWorld) {
  const emu = world.emu;
  return {
    now: emu.rt.clock.now(),
    webAppUrl: world.webAppUrl(),
    stripe: world.realStripe ? 'real' : 'fake',
    tabs: tabs(world),
  };
}
