// What the outside world does, on the local server: the client pays in the shop (the fake Stripe
// completes Checkout), books or cancels a lesson, the admin refunds or a bank opens a dispute.
// Stripe's events then reach /exec over HTTP as Stripe's webhook would send them (the event as body,
// the token in the URL; Carnet re-fetches it from the API). Bad input: a French message, nothing done.
import type { Emulator } from '../emulator/src';
import { HANDLED_EVENT_TYPES } from '../src/domain/stripe';
import { LocalError } from './state';
import type { LocalWorld } from './world';

/** The events Carnet's webhook endpoint is subscribed to (the wizard registers exactly these). */
export const SUBSCRIBED_EVENTS: readonly string[] = HANDLED_EVENT_TYPES;

export interface Delivery {
  event: string;
  type: string;
  status: number;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const HOUR = 3600 * 1000;

function bad(message: string): never {
  throw new LocalError(message);
}

function requireFakeStripe(world: LocalWorld): void {
  if (world.realStripe)
    bad(
      'Avec une vraie clé Stripe de test, la boutique locale ne peut pas payer à votre place : ouvrez le lien de paiement du produit (Produits > Lien de paiement) et payez avec la carte 4242 4242 4242 4242 ; stripe listen transmet les événements.',
    );
}

export interface ShopProduct {
  code: string;
  name: string;
  type: string;
  price: number;
  credits: number | null;
}

/** Active products of the Produits tab. */
export function products(emu: Emulator): ShopProduct[] {
  return emu.spreadsheet
    .records('Produits')
    .filter(
      (r) =>
        r.Code &&
        String(r.Actif ?? '')
          .trim()
          .toLowerCase() !== 'non',
    )
    .map((r) => ({
      code: String(r.Code),
      name: String(r.Nom),
      type: String(r.Type),
      price: Number(r['Prix TTC']),
      credits: r['Crédits'] === '' || r['Crédits'] === null ? null : Number(r['Crédits']),
    }));
}

/** Runs `work`, then delivers every Stripe event it (or anything before it) emitted that Carnet subscribes to. */
async function withDelivery<T>(world: LocalWorld, work: () => T): Promise<{ result: T; deliveries: Delivery[] }> {
  const result = work();
  return { result, deliveries: await deliverPending(world) };
}

/**
 * The fake Stripe's webhook: each event Carnet subscribes to, emitted since the last delivery, is
 * POSTed to /exec once, oldest first (events that existed when the server started count as delivered).
 * With a real Stripe key, `stripe listen` delivers instead.
 */
export async function deliverPending(world: LocalWorld): Promise<Delivery[]> {
  if (world.realStripe) return [];
  const deliveries: Delivery[] = [];
  for (const event of world.emu.stripe.events()) {
    const id = String(event.id);
    if (world.deliveredEvents.has(id)) continue;
    world.deliveredEvents.add(id);
    if (SUBSCRIBED_EVENTS.includes(String(event.type))) deliveries.push(await deliver(world, event));
  }
  return deliveries;
}

/** One webhook delivery, over HTTP, as Stripe sends it. */
export async function deliver(world: LocalWorld, event: Record<string, unknown>): Promise<Delivery> {
  const res = await fetch(world.webAppUrl(), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
    body: JSON.stringify(event),
    redirect: 'manual',
  });
  await res.arrayBuffer();
  return { event: String(event.id), type: String(event.type), status: res.status };
}

/** Moves the virtual clock (firing the triggers that fall due) and delivers the events it made (an expired Checkout Session). */
export async function advanceClock(world: LocalWorld, ms: number): Promise<{ now: number; deliveries: Delivery[] }> {
  world.advance(ms);
  const deliveries = await deliverPending(world);
  world.markChanged();
  return { now: world.emu.rt.clock.now(), deliveries };
}

export interface PayInput {
  code?: unknown;
  quantity?: unknown;
  email?: unknown;
  name?: unknown;
  /** false: the payment happens but its webhook is not sent (deliver it yourself, e.g. with curl; the backstop polls it otherwise). */
  deliver?: unknown;
}

/** The client buys a product: Checkout Session created and paid, events delivered. */
export async function pay(
  world: LocalWorld,
  input: PayInput,
): Promise<{ session: string; paymentIntent: string; deliveries: Delivery[]; event?: Record<string, unknown> }> {
  requireFakeStripe(world);
  const emu = world.emu;
  const code = String(input.code ?? '').trim();
  const email = String(input.email ?? '').trim();
  const name = String(input.name ?? '').trim();
  const quantity = input.quantity === undefined || input.quantity === '' ? 1 : Number(input.quantity);
  const product = emu.spreadsheet.records('Produits').find((r) => String(r.Code) === code);
  if (!product) bad(code ? `Produit inconnu : ${code}. Choisissez un produit de l'onglet Produits.` : 'Choisissez un produit.');
  if (!EMAIL.test(email)) bad(`Adresse e-mail invalide : « ${email} ».`);
  if (!name) bad('Indiquez le nom du client.');
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > 99) bad('La quantité doit être un nombre entier entre 1 et 99.');
  const price = String(product.Stripe ?? '').trim();
  const cents = Math.round(Number(product['Prix TTC']) * 100);
  if (!price && !(cents > 0)) bad(`Le produit ${code} n'a ni prix Stripe ni Prix TTC.`);
  const lineItems = [price ? { price, quantity } : { unitAmount: cents, name: String(product.Nom), quantity }];
  if (input.deliver === false) {
    const outcome = emu.stripe.pay({ lineItems, email, name, metadata: {} });
    // Stripe's own attempt "failed": only the caller (or the backstop's polling) will bring it to Carnet.
    for (const event of emu.stripe.events()) world.deliveredEvents.add(String(event.id));
    world.markChanged();
    return { session: String(outcome.session.id), paymentIntent: String(outcome.session.payment_intent), deliveries: [], event: outcome.event };
  }
  const { result, deliveries } = await withDelivery(world, () => emu.stripe.pay({ lineItems, email, name, metadata: {} }));
  world.markChanged();
  return { session: String(result.session.id), paymentIntent: String(result.session.payment_intent), deliveries };
}

/** The client pays an open Checkout Session (a payment request's link). */
export async function completeSession(world: LocalWorld, input: { session?: unknown; name?: unknown }): Promise<{ deliveries: Delivery[] }> {
  requireFakeStripe(world);
  const id = String(input.session ?? '');
  const session = world.emu.stripe.object(id);
  if (!session || session.object !== 'checkout.session') bad(`Session de paiement inconnue : ${id}.`);
  if (session.status !== 'open') bad(`Cette session de paiement est ${session.status === 'expired' ? 'expirée' : 'déjà payée'}.`);
  const email = String(session.customer_email ?? session.customer_details ?? 'client@example.com');
  const { deliveries } = await withDelivery(world, () => world.emu.stripe.completeCheckout(id, { email, name: String(input.name ?? '') || undefined }));
  world.markChanged();
  return { deliveries };
}

/** Checkout Sessions still open (payment requests waiting for the client). */
export function openSessions(emu: Emulator): Array<{ id: string; email: string; amount: number; url: string; expiresAt: number }> {
  return emu.stripe
    .objects('checkout.session')
    .filter((s) => s.status === 'open')
    .map((s) => ({
      id: String(s.id),
      email: String(s.customer_email ?? ''),
      amount: Number(s.amount_total ?? 0) / 100,
      url: String(s.url ?? ''),
      expiresAt: Number(s.expires_at) * 1000,
    }));
}

/** Payments that can be refunded or disputed. */
export function payments(emu: Emulator): Array<{ paymentIntent: string; email: string; amount: number; refunded: number; disputed: boolean }> {
  const charges = emu.stripe.objects('charge');
  return charges
    .filter((c) => c.paid && !c.livemode)
    .map((c) => ({
      paymentIntent: String(c.payment_intent),
      email: String((c.billing_details as { email?: string } | null)?.email ?? c.receipt_email ?? ''),
      amount: Number(c.amount) / 100,
      refunded: Number(c.amount_refunded) / 100,
      disputed: Boolean(c.disputed),
    }));
}

export async function refund(world: LocalWorld, input: { paymentIntent?: unknown; amount?: unknown }): Promise<{ deliveries: Delivery[] }> {
  requireFakeStripe(world);
  const id = String(input.paymentIntent ?? '');
  const found = payments(world.emu).find((p) => p.paymentIntent === id);
  if (!found) bad(`Paiement inconnu : ${id}.`);
  let cents: number | undefined;
  if (input.amount !== undefined && input.amount !== '' && input.amount !== null) {
    const euros = Number(String(input.amount).replace(',', '.'));
    if (!(euros > 0)) bad('Le montant à rembourser doit être un nombre positif (en euros).');
    cents = Math.round(euros * 100);
    if (cents > Math.round((found.amount - found.refunded) * 100))
      bad(`On ne peut pas rembourser plus que le reste du paiement (${(found.amount - found.refunded).toFixed(2)} €).`);
  } else if (found.refunded >= found.amount) bad('Ce paiement est déjà entièrement remboursé.');
  const { deliveries } = await withDelivery(world, () => world.emu.stripe.refund(id, cents));
  world.markChanged();
  return { deliveries };
}

export async function dispute(world: LocalWorld, input: { paymentIntent?: unknown }): Promise<{ deliveries: Delivery[] }> {
  requireFakeStripe(world);
  const id = String(input.paymentIntent ?? '');
  const found = payments(world.emu).find((p) => p.paymentIntent === id);
  if (!found) bad(`Paiement inconnu : ${id}.`);
  if (found.disputed) bad('Ce paiement fait déjà l’objet d’un litige.');
  const { deliveries } = await withDelivery(world, () => world.emu.stripe.openDispute(id, { reason: 'fraudulent' }));
  world.markChanged();
  return { deliveries };
}

/** The calendar bookings arrive in: the `Calendrier des réservations` setting, else the owner's. */
export function bookingCalendar(emu: Emulator): string {
  const row = emu.spreadsheet.values('Paramètres').find((r) => r[0] === 'Calendrier des réservations');
  const id = String(row?.[1] ?? '').trim();
  return id || 'primary';
}

/** The client books a lesson on the appointment schedule: an event with them as guest; the calendar trigger fires. */
export function book(world: LocalWorld, input: { email?: unknown; name?: unknown; start?: unknown }): { eventId: string } {
  const emu = world.emu;
  const email = String(input.email ?? '').trim();
  if (!EMAIL.test(email)) bad(`Adresse e-mail invalide : « ${email} ».`);
  let start: number;
  if (input.start === undefined || input.start === '') {
    // Tomorrow at 10:00 (Paris), from the virtual clock.
    const now = new Date(emu.rt.clock.now() + 24 * HOUR);
    start = Date.parse(`${now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' })}T10:00:00${parisOffset(now)}`);
  } else {
    start = typeof input.start === 'number' ? input.start : Date.parse(String(input.start));
    if (!Number.isFinite(start)) bad(`Date de cours illisible : « ${String(input.start)} » (format attendu : 2026-11-24T10:00).`);
  }
  if (start <= emu.rt.clock.now()) bad('Le cours doit être dans le futur (heure de l’émulateur).');
  const name = String(input.name ?? '').trim();
  const settings = emu.spreadsheet.values('Paramètres');
  const setting = (label: string) => String(settings.find((r) => r[0] === label)?.[1] ?? '');
  const business = setting('Nom commercial') || setting('Prénom et nom');
  const calendarId = bookingCalendar(emu);
  const event = world.execute(() => {
    const created = emu.calendar.book({
      calendarId: calendarId === 'primary' ? undefined : calendarId,
      title: `Cours${business ? ` (${business})` : ''}`,
      start: new Date(start),
      end: new Date(start + HOUR),
      attendees: [{ email, ...(name ? { displayName: name } : {}) }],
      meet: true,
    });
    emu.fireCalendarTriggers();
    return created;
  });
  world.markChanged();
  return { eventId: String(event.id) };
}

export function cancelBooking(world: LocalWorld, input: { eventId?: unknown }): void {
  const emu = world.emu;
  const id = String(input.eventId ?? '');
  const calendarId = bookingCalendar(emu);
  const calendar = calendarId === 'primary' ? emu.calendar.store.primaryCalendar().id : calendarId;
  const event = emu.calendar.event(calendar, id);
  if (!event) bad(`Réservation inconnue : ${id}.`);
  if (event.status === 'cancelled') bad('Cette réservation est déjà annulée.');
  world.execute(() => {
    emu.calendar.cancel(calendar, id);
    emu.fireCalendarTriggers();
  });
  world.markChanged();
}

function parisOffset(date: Date): string {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' }).formatToParts(date).find((p) => p.type === 'timeZoneName')
      ?.value ?? 'GMT+01:00';
  return name.replace('GMT', '') || '+00:00';
}
