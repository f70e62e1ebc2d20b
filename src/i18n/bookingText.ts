// Every sentence about bookings and credit expiry: e-mails to clients and to the admin, ledger
// reasons, journal lines. French is the default; English mirrors every key (the type enforces it).
import type { Locale } from './locale';

const frCredits = (n: number): string => (n <= 0 ? 'aucun crédit' : n === 1 ? '1 crédit' : `${n} crédits`);
const enCredits = (n: number): string => (n <= 0 ? 'no credit' : n === 1 ? '1 credit' : `${n} credits`);

const fr = {
  /** ISO weekday 1 (Monday) … 7 (Sunday). */
  weekdays: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
  /** "samedi 28 novembre 2026 à 10 h 00" */
  when: (weekday: string, date: string, hour: number, minute: number) => `${weekday} ${date} à ${hour} h ${String(minute).padStart(2, '0')}`,
  greeting: (name: string) => (name ? `Bonjour ${name},` : 'Bonjour,'),
  signature: (business: string) => `Bien cordialement,\n${business}`,
  meetLink: 'Lien de la visioconférence :',
  shopLink: 'Acheter des crédits :',
  bookLink: 'Réserver un cours :',
  noShopLink: 'Répondez à cet e-mail pour acheter des crédits.',
  noShopLinkAlert:
    'Paramètre « Lien d’achat de crédits » vide : les clients sans crédit reçoivent un e-mail sans lien pour en acheter. Indiquez l’adresse de votre page de paiement (lien de paiement Stripe, site…).',
  // A booking with a credit
  bookedSubject: (when: string) => `Cours réservé : ${when}`,
  bookedBody: (when: string, balance: number) =>
    `Votre cours du ${when} est bien réservé. Un crédit a été utilisé ; ${balance > 0 ? `il vous reste ${frCredits(balance)}` : 'c’était votre dernier crédit'}.`,
  cancelPolicy: (hours: number) =>
    hours > 0
      ? `Vous pouvez annuler sans frais jusqu’à ${hours} h avant le cours : le crédit vous est alors rendu.`
      : 'Vous pouvez annuler sans frais jusqu’au début du cours : le crédit vous est alors rendu.',
  // A booking without a credit
  noCreditSubject: (when: string) => `Réservation du ${when} : aucun crédit disponible`,
  noCreditBody: (when: string, knownClient: boolean) =>
    knownClient
      ? `Vous avez réservé un cours le ${when}, mais votre compte n’a plus de crédit.`
      : `Vous avez réservé un cours le ${when}, mais aucun crédit de cours n’est enregistré à votre adresse e-mail.`,
  noCreditPending: 'Ce cours n’est pas confirmé tant qu’il n’est pas réglé : merci d’acheter des crédits.',
  noCreditDeclined: 'Votre réservation a donc été annulée. Achetez des crédits, puis réservez à nouveau.',
  adminNoCreditSubject: (email: string) => `Carnet : réservation sans crédit de ${email}`,
  adminNoCreditBody: (email: string, when: string, knownClient: boolean, declined: boolean) =>
    `Bonjour,\n\n${email} a réservé un cours le ${when} ${knownClient ? 'sans avoir de crédit' : 'mais n’est pas dans l’onglet Clients'}.\n` +
    (declined
      ? 'Carnet a annulé l’événement dans l’agenda (paramètre « Refuser les réservations sans crédit ») et prévenu la personne.'
      : 'Rien n’a été débité ; l’événement reste dans l’agenda et la réservation est notée « sans crédit » dans l’onglet Réservations. La personne a reçu le lien d’achat de crédits.') +
    '\n\nCarnet',
  // Cancellations and moves
  cancelledSubject: (when: string) => `Cours annulé : ${when}`,
  cancelledBody: (when: string) => `Votre cours du ${when} est annulé.`,
  cancelledEarlyBody: (when: string, balance: number) =>
    `Votre cours du ${when} est annulé. Votre crédit vous a été rendu : vous avez maintenant ${frCredits(balance)}.`,
  cancelledLateBody: (when: string, hours: number) =>
    `Votre cours du ${when} a été annulé moins de ${hours} h avant son début : comme prévu par les conditions d’annulation, le crédit n’est pas rendu.`,
  cancelledLateRefundedBody: (when: string, hours: number, balance: number) =>
    `Votre cours du ${when} a été annulé moins de ${hours} h avant son début. Votre crédit vous a tout de même été rendu : vous avez maintenant ${frCredits(balance)}.`,
  movedSubject: (when: string) => `Cours déplacé : ${when}`,
  movedBody: (from: string, to: string) => `Votre cours du ${from} est déplacé au ${to}. Aucun crédit supplémentaire n’a été utilisé.`,
  // Balance alerts
  emptySubject: 'Vous n’avez plus de crédit de cours',
  emptyBody: 'Vous venez d’utiliser votre dernier crédit de cours. Pour réserver les prochains, rechargez votre compte.',
  lowSubject: (balance: number) => (balance === 1 ? 'Plus qu’un crédit de cours' : `Plus que ${frCredits(balance)} de cours`),
  lowBody: (balance: number) =>
    `Il ne vous reste plus ${balance === 1 ? 'qu’un crédit' : `que ${frCredits(balance)}`} de cours. Pensez à recharger votre compte.`,
  adminEmptySubject: (email: string) => `Carnet : ${email} n’a plus de crédit`,
  adminEmptyBody: (email: string, name: string) =>
    `Bonjour,\n\n${name ? `${name} (${email})` : email} vient d’arriver à 0 crédit. Un e-mail avec le lien d’achat de crédits lui a été envoyé.\n\nCarnet`,
  // Expiry
  expiryWarningSubject: (credits: number, date: string) => `${credits > 1 ? `${frCredits(credits)} expirent` : `${frCredits(credits)} expire`} le ${date}`,
  expiryWarningBody: (credits: number, date: string) =>
    `${credits > 1 ? `${frCredits(credits)} de votre compte expirent` : `${frCredits(credits)} de votre compte expire`} le ${date}. Pensez à ${credits > 1 ? 'les ' : 'l’'}utiliser d’ici là.`,
  // Ledger reasons
  motifBooking: (when: string) => `Réservation du ${when}`,
  motifCancellation: (when: string) => `Annulation de la réservation du ${when}`,
  motifExpiry: 'Expiration',
  // Journal
  bookingRecorded: (email: string, when: string, balance: number) => `Réservation de ${email} le ${when} : 1 crédit utilisé, solde ${balance}.`,
  bookingWithoutCredit: (email: string, when: string, knownClient: boolean) =>
    `Réservation de ${email} le ${when} ${knownClient ? 'sans crédit' : 'par une personne absente de l’onglet Clients'} : rien n’est débité.`,
  bookingRefused: (email: string) => `Réservation sans crédit de ${email} annulée dans l’agenda.`,
  bookingRefuseFailed: (email: string, detail: string) => `La réservation sans crédit de ${email} n’a pas pu être annulée dans l’agenda : ${detail}`,
  bookingCancelled: (email: string, when: string, late: boolean, refunded: boolean) =>
    `Réservation de ${email} le ${when} annulée${late ? ' tardivement' : ''} : ${refunded ? 'crédit rendu' : 'crédit conservé'}.`,
  bookingMoved: (email: string, from: string, to: string) => `Réservation de ${email} déplacée du ${from} au ${to}.`,
  calendarResync:
    'Agenda : la synchronisation a expiré (jeton refusé par Google) ; Carnet relit les 30 derniers jours et l’année à venir, sans rien compter deux fois.',
  calendarUnreachable: (detail: string) =>
    `Agenda injoignable pour l’instant (${detail}) : les réservations seront lues au prochain passage, rien n’est perdu.`,
  calendarNotFound: (id: string) =>
    `Agenda « ${id} » introuvable (paramètre « Calendrier des réservations ») : vérifiez l’identifiant de l’agenda, ou videz la case pour utiliser votre agenda principal.`,
  calendarServiceMissing: 'Le service avancé Google Calendar n’est pas activé pour ce script : les réservations ne sont pas lues. Réinstallez Carnet.',
  calendarStopped: (done: number) => `Agenda : ${done} changement(s) traité(s) ; la suite sera traitée au prochain passage (limite de durée d’exécution).`,
  calendarProblem: (detail: string) => `Réservations non traitées : ${detail} Elles seront relues après correction, rien n’est perdu.`,
  adminAlertSubject: 'Carnet : les réservations demandent votre attention',
  creditsExpired: (email: string, credits: number) => `${frCredits(credits)} de ${email} ${credits > 1 ? 'ont expiré' : 'a expiré'}.`,
  expiryWarned: (email: string, credits: number, date: string) => `${email} prévenu(e) : ${frCredits(credits)} expire(nt) le ${date}.`,
};

export type BookingText = typeof fr;

const en: BookingText = {
  weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  when: (weekday, date, hour, minute) => `${weekday} ${date} at ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
  greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
  signature: (business) => `Kind regards,\n${business}`,
  meetLink: 'Video call link:',
  shopLink: 'Buy credits:',
  bookLink: 'Book a lesson:',
  noShopLink: 'Reply to this e-mail to buy credits.',
  noShopLinkAlert:
    'Setting « Lien d’achat de crédits » is empty: clients without credit get an e-mail with no link to buy some. Enter the address of your payment page (Stripe payment link, website…).',
  bookedSubject: (when) => `Lesson booked: ${when}`,
  bookedBody: (when, balance) =>
    `Your lesson on ${when} is booked. One credit was used; ${balance > 0 ? `you have ${enCredits(balance)} left` : 'it was your last credit'}.`,
  cancelPolicy: (hours) =>
    hours > 0
      ? `You can cancel free of charge up to ${hours} hours before the lesson: the credit is then given back.`
      : 'You can cancel free of charge until the lesson starts: the credit is then given back.',
  noCreditSubject: (when) => `Booking on ${when}: no credit available`,
  noCreditBody: (when, knownClient) =>
    knownClient
      ? `You booked a lesson on ${when}, but your account has no credit left.`
      : `You booked a lesson on ${when}, but no lesson credit is registered for your e-mail address.`,
  noCreditPending: 'This lesson is not confirmed until it is paid for: please buy credits.',
  noCreditDeclined: 'Your booking has therefore been cancelled. Buy credits, then book again.',
  adminNoCreditSubject: (email) => `Carnet: booking without credit by ${email}`,
  adminNoCreditBody: (email, when, knownClient, declined) =>
    `Hello,\n\n${email} booked a lesson on ${when} ${knownClient ? 'without any credit' : 'but is not in the Clients tab'}.\n` +
    (declined
      ? 'Carnet cancelled the event in the calendar (setting « Refuser les réservations sans crédit ») and told them.'
      : 'Nothing was charged; the event stays in the calendar and the booking is marked « sans crédit » in the Réservations tab. They received the link to buy credits.') +
    '\n\nCarnet',
  cancelledSubject: (when) => `Lesson cancelled: ${when}`,
  cancelledBody: (when) => `Your lesson on ${when} is cancelled.`,
  cancelledEarlyBody: (when, balance) => `Your lesson on ${when} is cancelled. Your credit was given back: you now have ${enCredits(balance)}.`,
  cancelledLateBody: (when, hours) =>
    `Your lesson on ${when} was cancelled less than ${hours} hours before it started: as the cancellation terms say, the credit is not given back.`,
  cancelledLateRefundedBody: (when, hours, balance) =>
    `Your lesson on ${when} was cancelled less than ${hours} hours before it started. Your credit was given back all the same: you now have ${enCredits(balance)}.`,
  movedSubject: (when) => `Lesson moved: ${when}`,
  movedBody: (from, to) => `Your lesson on ${from} is moved to ${to}. No further credit was used.`,
  emptySubject: 'You have no lesson credit left',
  emptyBody: 'You just used your last lesson credit. To book the next ones, top up your account.',
  lowSubject: (balance) => `Only ${enCredits(balance)} left`,
  lowBody: (balance) => `You have only ${enCredits(balance)} left. Remember to top up your account.`,
  adminEmptySubject: (email) => `Carnet: ${email} has no credit left`,
  adminEmptyBody: (email, name) =>
    `Hello,\n\n${name ? `${name} (${email})` : email} just reached 0 credits. An e-mail with the link to buy credits was sent to them.\n\nCarnet`,
  expiryWarningSubject: (credits, date) => `${enCredits(credits)} expire${credits > 1 ? '' : 's'} on ${date}`,
  expiryWarningBody: (credits, date) =>
    `${enCredits(credits)} of your account expire${credits > 1 ? '' : 's'} on ${date}. Remember to use ${credits > 1 ? 'them' : 'it'} before then.`,
  motifBooking: (when) => `Booking on ${when}`,
  motifCancellation: (when) => `Cancellation of the booking on ${when}`,
  motifExpiry: 'Expiration',
  bookingRecorded: (email, when, balance) => `Booking by ${email} on ${when}: 1 credit used, balance ${balance}.`,
  bookingWithoutCredit: (email, when, knownClient) =>
    `Booking by ${email} on ${when} ${knownClient ? 'without credit' : 'by someone not in the Clients tab'}: nothing charged.`,
  bookingRefused: (email) => `Booking without credit by ${email} cancelled in the calendar.`,
  bookingRefuseFailed: (email, detail) => `The booking without credit by ${email} could not be cancelled in the calendar: ${detail}`,
  bookingCancelled: (email, when, late, refunded) =>
    `Booking by ${email} on ${when} cancelled${late ? ' late' : ''}: credit ${refunded ? 'given back' : 'kept'}.`,
  bookingMoved: (email, from, to) => `Booking by ${email} moved from ${from} to ${to}.`,
  calendarResync: 'Calendar: the sync expired (token refused by Google); Carnet reads the last 30 days and the coming year again, counting nothing twice.',
  calendarUnreachable: (detail) => `Calendar unreachable for now (${detail}): bookings will be read on the next run, nothing is lost.`,
  calendarNotFound: (id) =>
    `Calendar "${id}" not found (setting « Calendrier des réservations »): check the calendar id, or empty the cell to use your main calendar.`,
  calendarServiceMissing: 'The Google Calendar advanced service is not enabled for this script: bookings are not read. Reinstall Carnet.',
  calendarStopped: (done) => `Calendar: ${done} change(s) processed; the rest will be processed on the next run (execution time limit).`,
  calendarProblem: (detail) => `Bookings not processed: ${detail} They will be read again once fixed, nothing is lost.`,
  adminAlertSubject: 'Carnet: bookings need your attention',
  creditsExpired: (email, credits) => `${enCredits(credits)} of ${email} expired.`,
  expiryWarned: (email, credits, date) => `${email} warned: ${enCredits(credits)} expire(s) on ${date}.`,
};

export function bookingText(locale: Locale): BookingText {
  return locale === 'en' ? en : fr;
}
