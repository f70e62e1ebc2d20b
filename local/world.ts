// The running installation: one Emulator with the built bundle, its state on disk (saved after every
// execution), the real clock feeding the virtual one, and the first-start set-up.
import type { ServerResponse } from 'node:http';
import { Emulator } from '../emulator/src';
import { LocalError, StateStore } from './state';
import { send } from './http';
import type { ExecAnswer } from './web';
import { seedExample } from './seed';
import { checkStripeKey, FAKE_STRIPE_KEY, useRealStripe } from './stripe';

export interface WorldOptions {
  stateDir: string;
  bundleDir: string;
  stripeKey?: string;
  /** Virtual time of a fresh state (default: now). */
  start?: number;
  /** Follow the real clock (time-driven triggers fire as real time passes). Default true. */
  realClock?: boolean;
  log: (line: string) => void;
}

export class LocalWorld {
  private emulator: Emulator | null = null;
  private readonly store: StateStore;
  private fresh = false;
  private dirty = false;
  private lastReal = Date.now();
  private baseUrl = '';
  private readonly echoes = new Map<string, ExecAnswer>();
  private nextEcho = 1;
  /** Ids of the fake Stripe's events already sent to /exec (see actions.deliverPending). */
  readonly deliveredEvents = new Set<string>();
  /** Times a page called google.script.host.close(). */
  uiClosed = 0;
  readonly realStripe: boolean;

  constructor(readonly options: WorldOptions) {
    this.store = new StateStore(options.stateDir);
    this.realStripe = checkStripeKey(options.stripeKey) === 'real';
  }

  get emu(): Emulator {
    if (!this.emulator) throw new Error('LocalWorld not opened');
    return this.emulator;
  }

  get url(): string {
    return this.baseUrl;
  }

  reset(): void {
    const aside = this.store.reset();
    if (aside) this.options.log(`État précédent mis de côté dans ${aside}`);
  }

  /** Restores the saved state, or prepares a fresh installation (set up in attach(), once the URL is known). */
  open(): void {
    if (this.store.exists()) {
      const saved = this.store.savedClock();
      const emu = this.create(saved);
      this.store.restoreInto(emu);
      this.emulator = emu;
    } else {
      this.emulator = this.create(this.options.start ?? Date.now());
      this.fresh = true;
    }
    for (const event of this.emu.stripe.events()) this.deliveredEvents.add(String(event.id));
    const key = this.realStripe ? (this.options.stripeKey as string) : FAKE_STRIPE_KEY;
    this.emu.properties.scriptStore().set('STRIPE_SECRET_KEY', key);
  }

  private create(start: number): Emulator {
    const emu = new Emulator({ start }).loadBundle(this.options.bundleDir);
    emu.rt.on('executionEnded', () => {
      this.dirty = true;
    });
    if (this.realStripe) useRealStripe(emu);
    return emu;
  }

  /** Called once the server listens: the web app's URL is known; first start runs setup(). */
  attach(url: string): void {
    this.baseUrl = url;
    this.emu.rt.webAppUrl = `${url}/exec`;
    if (this.fresh && typeof this.emu.scope.setup === 'function') {
      this.execute(() => this.emu.run('setup'));
      const names = this.emu.spreadsheet.sheetNames();
      if (names.includes('Paramètres') && names.includes('Produits')) this.execute(() => seedExample(this.emu, { realStripe: this.realStripe }));
    }
    this.fresh = false;
    // Opening the spreadsheet: onOpen builds the Carnet menu.
    this.execute(() => {
      if (typeof this.emu.scope.onOpen === 'function') this.emu.run('onOpen');
    });
    // Time that passed while the server was stopped: the virtual clock catches up with the real one.
    this.tick();
    this.dirty = true;
    this.saveIfChanged();
  }

  /** Runs `work` (one or more executions) and saves the state if anything ran. */
  execute<T>(work: () => T): T {
    try {
      return work();
    } finally {
      this.saveIfChanged();
    }
  }

  /** Something outside an execution changed the state (the fake Stripe, the calendar): save it. */
  markChanged(): void {
    this.dirty = true;
    this.saveIfChanged();
  }

  saveIfChanged(): void {
    if (!this.dirty || !this.emulator) return;
    this.store.save(this.emulator);
    this.dirty = false;
  }

  /** The real clock moved: time-driven triggers due by now fire (the virtual clock never goes back). */
  tick(): void {
    if (this.options.realClock === false) return;
    const real = Date.now();
    const elapsed = real - this.lastReal;
    this.lastReal = real;
    const behind = real - this.emu.rt.clock.now();
    const step = Math.max(elapsed, behind > 0 ? behind : 0);
    if (step > 0) this.execute(() => this.emu.advance(step));
  }

  /** Moves the virtual clock forward (console control), firing every trigger that falls due. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms <= 0 || ms > 366 * 24 * 3600 * 1000)
      throw new LocalError('Durée invalide : un nombre de millisecondes positif, au plus un an.');
    this.execute(() => this.emu.advance(ms));
  }

  webhookToken(): string {
    return this.emu.properties.scriptStore().get('WEBHOOK_TOKEN') ?? '';
  }

  webAppUrl(): string {
    return `${this.baseUrl}/exec?token=${encodeURIComponent(this.webhookToken())}`;
  }

  sendExecAnswer(res: ServerResponse, answer: ExecAnswer): void {
    if (answer.status !== 302) return send(res, answer.status, answer.contentType, answer.content);
    // Apps Script answers a ContentService POST with a redirect to the output (script.googleusercontent.com/macros/echo).
    const id = String(this.nextEcho++);
    this.echoes.set(id, answer);
    if (this.echoes.size > 100) this.echoes.delete(this.echoes.keys().next().value as string);
    send(res, 302, 'text/html; charset=utf-8', `<a href="/echo/${id}">Moved Temporarily</a>`, { Location: `/echo/${id}` });
  }

  sendEcho(res: ServerResponse, id: string): void {
    const answer = this.echoes.get(id);
    if (!answer) return send(res, 404, 'text/plain; charset=utf-8', 'Réponse expirée.');
    send(res, 200, answer.contentType, answer.content);
  }

  banner(): string[] {
    return [
      '',
      'Carnet tourne en local (émulateur Apps Script).',
      `  Console d'administration : ${this.baseUrl}/`,
      `  Boutique (joue le client) : ${this.baseUrl}/shop`,
      `  Application web (webhook Stripe) : ${this.webAppUrl()}`,
      `  État enregistré dans : ${this.options.stateDir}`,
      this.realStripe ? '  Stripe : mode test réel (STRIPE_SECRET_KEY)' : '  Stripe : Stripe simulé de l’émulateur',
      '  Ctrl-C pour arrêter (l’état est déjà enregistré).',
      '',
    ];
  }
}
