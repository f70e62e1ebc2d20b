// Compile-time proof that an emulated class accepts every argument list the real Apps Script
// method accepts, per @types/google-apps-script (all overloads, up to four):
// `conforms<GoogleAppsScript.Spreadsheet.Sheet, FakeSheet, 'getRange' | 'getLastRow'>(true);`
// fails to type-check when a fake method's parameters drift from a real signature.

type OverloadParams<F> = F extends {
  (...args: infer A1): unknown;
  (...args: infer A2): unknown;
  (...args: infer A3): unknown;
  (...args: infer A4): unknown;
}
  ? A1 | A2 | A3 | A4
  : F extends (...args: infer A) => unknown
    ? A
    : never;

type FakeParams<F> = F extends (...args: infer A) => unknown ? A : never;

type EachAccepted<Real, Fake> = OverloadParams<Real> extends infer A ? (A extends unknown[] ? (A extends FakeParams<Fake> ? true : false) : false) : false;

export type Conforms<Real, Fake, K extends keyof Real & keyof Fake> = false extends {
  [P in K]: EachAccepted<Real[P], Fake[P]>;
}[K]
  ? false
  : true;

/** Call at module level: `conforms<GoogleAppsScript.Spreadsheet.Range, FakeRange, 'getValues'>(true);` */
export function conforms<Real, Fake, K extends keyof Real & keyof Fake>(ok: Conforms<Real, Fake, K>): void {
  void ok;
}
