// What one round trip costs on Google's servers, per service, low–high, in milliseconds: the one place
// the bench's modeled times come from. Handle calls and batched Spreadsheet writes cost nothing here
// (emulator/src/callCost.ts says which calls are which); script CPU time is not counted.
//
// Google publishes no per-call latency. Where a public measurement exists it is cited; every other
// figure is an ESTIMATE (marked so), in line with the best-practices page's warning that calls to
// Sheets, Docs, UrlFetch… are "significantly slower" than JavaScript
// (developers.google.com/apps-script/guides/support/best-practices, "Minimize calls to other services").

export interface Latency {
  low: number;
  high: number;
}

interface Rule extends Latency {
  /** Accounting key (`${service}.${method}`) it applies to. */
  match: RegExp;
  what: string;
  source: string;
}

const ESTIMATE = 'estimate (no public per-call figure)';
const ZIRITIONE = 'measured: ziritione.org/post/apps_script_performance (100 runs each; low = mean, high ≈ mean + 3 sd)';

/** First matching rule wins. */
export const LATENCY_RULES: readonly Rule[] = [
  {
    match: /^SpreadsheetApp\./,
    low: 50,
    high: 100,
    what: 'Spreadsheet read, or one batch of consecutive writes',
    source: `${ESTIMATE}; batching: spreadsheet-app#flush and "Optimizing Spreadsheet Operations" (googleappsscript.blogspot.com, 2010): a 4,000-cell setValues is cheap until flush commits it (~0.6 s: "What is faster: ScriptDb or SpreadsheetApp?", Stack Overflow answer mirrored at ruby-bash.developreference.com/article/29263774)`,
  },
  { match: /^DriveApp\.File\.(getAs|getBlob)$/, low: 1000, high: 3000, what: 'PDF export of a Google Doc', source: ESTIMATE },
  { match: /^DriveApp\./, low: 100, high: 300, what: 'Drive call', source: ESTIMATE },
  { match: /^DocumentApp\./, low: 100, high: 300, what: 'DocumentApp open, find, edit, save', source: ESTIMATE },
  { match: /^(Docs|Sheets|Drive)\./, low: 200, high: 500, what: 'advanced service (REST) call', source: ESTIMATE },
  { match: /^(Calendar|CalendarApp)\./, low: 200, high: 500, what: 'Calendar call', source: ESTIMATE },
  { match: /^UrlFetchApp\./, low: 300, high: 600, what: 'HTTPS request (Stripe API)', source: ESTIMATE },
  {
    match: /^PropertiesService\.Properties\.(get|getProperty|getProperties|getKeys)$/,
    low: 30,
    high: 60,
    what: 'Properties read',
    source: `${ZIRITIONE}: getProperty mean 30 ms, sd 9`,
  },
  { match: /^PropertiesService\./, low: 60, high: 170, what: 'Properties write', source: `${ZIRITIONE}: setProperty mean 62 ms, sd 37` },
  { match: /^CacheService\.Cache\.(get|getAll)$/, low: 3, high: 10, what: 'Cache read', source: `${ZIRITIONE}: get mean 3 ms, max 7` },
  { match: /^CacheService\./, low: 90, high: 150, what: 'Cache write', source: `${ZIRITIONE}: put mean 93 ms, sd 18` },
  { match: /^LockService\./, low: 10, high: 50, what: 'Lock acquire/release, uncontended (waiting is modeled apart)', source: ESTIMATE },
  { match: /^(MailApp|GmailApp)\.(sendEmail|sendMail)$/, low: 500, high: 1000, what: 'e-mail sent', source: ESTIMATE },
  { match: /^(MailApp|GmailApp)\./, low: 20, high: 50, what: 'mail quota/aliases', source: ESTIMATE },
  { match: /^ScriptApp\./, low: 100, high: 300, what: 'trigger created, listed or deleted', source: ESTIMATE },
  { match: /./, low: 100, high: 300, what: 'any other service round trip', source: ESTIMATE },
];

/** Latency of one round trip of `key`. */
export function latencyOf(key: string): Latency {
  const rule = LATENCY_RULES.find((r) => r.match.test(key)) as Rule;
  return { low: rule.low, high: rule.high };
}
