// The emulator's whole state on disk (`.local/state/`): restored at start, saved after every execution.
// A save is written beside the current state and swapped in, so a crash mid-save keeps the last good one.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Emulator } from '../emulator/src';

/** A problem the person running `npm start` must act on; the message says what to do (French, like the product). */
export class LocalError extends Error {
  override readonly name = 'LocalError';
}

export class StateStore {
  readonly current: string;
  private readonly next: string;
  private readonly old: string;

  constructor(readonly dir: string) {
    this.current = join(dir, 'state');
    this.next = join(dir, 'state.next');
    this.old = join(dir, 'state.old');
  }

  /** True when a saved state exists (after finishing a swap a crash interrupted). */
  exists(): boolean {
    if (!existsSync(this.current) && existsSync(this.old)) renameSync(this.old, this.current);
    return existsSync(join(this.current, 'clock.json'));
  }

  /** The virtual time the saved state was at (read first, to start the emulator's clock there). */
  savedClock(): number {
    const clock = this.readJson('clock.json') as { now?: unknown };
    if (typeof clock?.now !== 'number' || !Number.isFinite(clock.now)) throw this.corrupt('clock.json', 'pas d’heure enregistrée');
    return clock.now;
  }

  /** Loads the saved state into `emu`, checking every file first so a bad one changes nothing. */
  restoreInto(emu: Emulator): void {
    for (const file of readdirSync(this.current)) if (file.endsWith('.json')) this.readJson(file);
    try {
      emu.restore(this.current);
    } catch (error) {
      throw this.corrupt('', (error as Error).message);
    }
  }

  save(emu: Emulator): void {
    rmSync(this.next, { recursive: true, force: true });
    emu.save(this.next);
    rmSync(this.old, { recursive: true, force: true });
    if (existsSync(this.current)) renameSync(this.current, this.old);
    renameSync(this.next, this.current);
    rmSync(this.old, { recursive: true, force: true });
  }

  /** `--reset`: the previous state is moved aside (never deleted), and a fresh one begins. */
  reset(now = new Date()): string | null {
    if (!existsSync(this.current)) return null;
    const aside = join(this.dir, `state-before-reset-${now.toISOString().replace(/[:.]/g, '-')}`);
    mkdirSync(this.dir, { recursive: true });
    renameSync(this.current, aside);
    return aside;
  }

  private readJson(file: string): unknown {
    const path = join(this.current, file);
    try {
      return JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw this.corrupt(file, (error as Error).message);
    }
  }

  private corrupt(file: string, detail: string): LocalError {
    const where = file ? join(this.current, file) : this.current;
    return new LocalError(
      `L'état local enregistré est illisible (${where} : ${detail}).\n` +
        `Rien n'a été modifié. Pour repartir d'un état neuf, lancez : npm start -- --reset\n` +
        `(l'état actuel sera mis de côté dans ${this.dir}/state-before-reset-…, pas effacé).`,
    );
  }
}
