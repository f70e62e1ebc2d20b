// The `Événements` tab: one row per Stripe event id ever seen, the single inbox that the webhook and
// the polling backstop both write to.
import { EVENT_STATUS, type EventStatus } from '../../domain/schema';
import { eventSubject, type StripeEvent } from '../../domain/stripe';
import { asNumber, asText, isDate } from '../../domain/values';
import type { Workbook } from '../../gas/workbook';
import { now } from '../../gas/clock';
import type { Step } from '../../domain/plan';

export interface InboxEntry {
  row: number;
  id: string;
  type: string;
  status: EventStatus;
  attempts: number;
  error: string;
  subject: string;
  receivedAt: Date | null;
  nextTry: Date | null;
  updatedAt: Date | null;
}

export type Source = 'webhook' | 'rattrapage';

export class Inbox {
  constructor(private readonly book: Workbook) {}

  private get table() {
    return this.book.table('events');
  }

  /** The first row for this id (an unlocked webhook may have written a second one: see `duplicateOf`). */
  find(id: string): InboxEntry | null {
    const row = this.table.findRow('ID', id);
    return row ? this.entry(row) : null;
  }

  /**
   * In one search: every row of this event (two when a webhook that could not get the lock wrote one while
   * another run was applying it), and the rows of events about `subject` (refunds and disputes of a payment
   * intent) that a payment may unblock. Event ids (`evt_…`) and subjects (`pi_…`) never look alike, so a
   * match in the ID column is this event's.
   */
  findWithRelated(id: string, subject: string): { own: InboxEntry[]; about: number[] } {
    const found = this.table.findKeysInColumns(['ID', 'Objet'], [id, subject]);
    return {
      own: found.filter((f) => f.header === 'ID').map((f) => this.entry(f.row)),
      about: found.filter((f) => f.header === 'Objet').map((f) => f.row),
    };
  }

  entry(row: number): InboxEntry {
    const v = this.table.read(row);
    return {
      row,
      id: asText(v['ID']),
      type: asText(v['Type']),
      status: asText(v['Statut']) as EventStatus,
      attempts: Number.isFinite(asNumber(v['Tentatives'])) ? asNumber(v['Tentatives']) : 0,
      error: asText(v['Erreur']),
      subject: asText(v['Objet']),
      receivedAt: isDate(v['Reçu le']) ? (v['Reçu le'] as Date) : null,
      nextTry: isDate(v['Prochain essai']) ? (v['Prochain essai'] as Date) : null,
      updatedAt: isDate(v['Mis à jour']) ? (v['Mis à jour'] as Date) : null,
    };
  }

  /**
   * Appends the event's row and returns its number, found by id rather than as the last row: a webhook
   * that could not get the lock appends its own row without it, possibly just after this one.
   */
  add(event: StripeEvent, source: Source): number {
    const at = now();
    this.table.appendOnly({
      ID: event.id,
      Type: event.type,
      Statut: EVENT_STATUS.received,
      Tentatives: 0,
      Erreur: '',
      Objet: eventSubject(event),
      'Créé (Stripe)': new Date(event.created * 1000),
      'Reçu le': at,
      'Mis à jour': at,
      Source: source,
    });
    return this.table.findRow('ID', event.id) ?? this.table.lastRow();
  }

  /** The plan step that records this event as processed (created with its reception details if it has no row yet). */
  doneStep(event: StripeEvent, source: Source): Step {
    const at = now();
    return {
      kind: 'upsert',
      tab: 'events',
      key: event.id,
      values: {
        Type: event.type,
        Statut: EVENT_STATUS.done,
        Erreur: '',
        'Prochain essai': '',
        'Mis à jour': at,
        Objet: eventSubject(event),
        'Créé (Stripe)': new Date(event.created * 1000),
      },
      createOnly: { Tentatives: 0, 'Reçu le': at, Source: source },
    };
  }

  /** Records a known id without its content (the webhook could not get the lock: written without it). */
  addUnverified(id: string, source: Source, note: string): void {
    const at = now();
    this.table.appendOnly({ ID: id, Statut: EVENT_STATUS.received, Tentatives: 0, Erreur: note, 'Reçu le': at, 'Mis à jour': at, Source: source });
  }

  settle(row: number, status: EventStatus, event?: StripeEvent, error = ''): void {
    this.table.update(row, {
      Statut: status,
      Erreur: error,
      'Prochain essai': '',
      'Mis à jour': now(),
      ...(event ? { Type: event.type, Objet: eventSubject(event), 'Créé (Stripe)': new Date(event.created * 1000) } : {}),
    });
  }

  fail(row: number, status: EventStatus, attempts: number, error: string, nextTry: Date | ''): void {
    this.table.update(row, { Statut: status, Tentatives: attempts, Erreur: error, 'Prochain essai': nextTry, 'Mis à jour': now() });
  }

  hold(row: number, note: string, nextTry: Date, event: StripeEvent): void {
    this.table.update(row, {
      Statut: EVENT_STATUS.received,
      Erreur: note,
      'Prochain essai': nextTry,
      'Mis à jour': now(),
      Type: event.type,
      Objet: eventSubject(event),
    });
  }

  /** Rows waiting for a (re)try: received or failed, top to bottom. One text-finder search, never a scan of the history. */
  pendingRows(): number[] {
    return this.table.findRowsOfKeys('Statut', [EVENT_STATUS.received, EVENT_STATUS.failed]);
  }
}
