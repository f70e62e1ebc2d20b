// Plans carried out with the use cases' effects (gas/planRunner.ts is the executor; the booking
// effects live with bookings). Every flow runs and resumes its plans through here.
import type { Plan } from '../domain/plan';
import type { Workbook } from '../gas/workbook';
import { resumePendingPlan as resume, runPlan as execute, type KnownRows } from '../gas/planRunner';
import { bookingEffects } from './bookings/effects';

export type { KnownRows };

/** Saves the plan, carries it out, then forgets it. `known`: the rows found while planning. */
export function runPlan(book: Workbook, plan: Plan, known: KnownRows = {}): void {
  execute(book, plan, known, bookingEffects);
}

/** Finishes a plan that a dead run left behind (first thing under the script lock); true when there was one. */
export function resumePendingPlan(book: Workbook): boolean {
  return resume(book, bookingEffects);
}
