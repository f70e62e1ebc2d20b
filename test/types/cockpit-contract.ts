// Compile-time check (npm run typecheck): every server function the pages call (src/ui/contract.ts)
// is an entry point of src/main.ts with the same arguments and answer. A renamed field or function
// on either side fails the typecheck.
import type * as Main from '../../src/main';
import type { ServerApi } from '../../src/ui/contract';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Checked = {
  [K in keyof ServerApi]: [Same<Parameters<ServerApi[K]>, Parameters<(typeof Main)[K]>>, Same<ReturnType<ServerApi[K]>, ReturnType<(typeof Main)[K]>>];
};
type AllTrue<T> = T[keyof T] extends [true, true] ? true : false;

export const COCKPIT_CONTRACT_HOLDS: AllTrue<Checked> = true;
