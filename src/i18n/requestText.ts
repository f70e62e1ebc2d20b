// What Carnet says about payment requests and product payment links (French default, English mirror).
import type { Locale } from './locale';

const fr = {
  badEmail: (email: string) => `Adresse e-mail invalide : « ${email} ». Vérifiez-la avant d’envoyer la demande.`,
  noItem: 'Choisissez au moins un produit.',
  unknownProduct: (code: string) => `Produit « ${code} » introuvable dans l’onglet Produits.`,
  inactiveProduct: (code: string) => `Le produit « ${code} » est désactivé (colonne Actif).`,
  badQuantity: (code: string, quantity: string) => `Quantité « ${quantity} » invalide pour ${code} : un nombre entier de 1 à 100.`,
  priceTooLow: (code: string) => `Le prix de ${code} est trop bas pour un paiement par carte (0,50 € minimum).`,
  badFreeLabel: (max: number) => `Montant libre : le libellé doit compter de 1 à ${max} caractères.`,
  badFreeAmount: (label: string, amount: string, maxEuros: number) =>
    `Montant libre « ${label} » : ${amount ? `montant « ${amount} » invalide` : 'montant manquant'} (un montant en euros de 0,50 € à ${String(maxEuros).replace(/\B(?=(\d{3})+$)/g, '\u202f')} €, ex. 45,00).`,
  tooManyLines: (max: number) => `Une demande de paiement compte au plus ${max} produits différents (limite de Stripe Checkout).`,
  codesTooLong:
    'Les codes des produits de cette demande sont trop longs pour Stripe (métadonnées limitées à 500 caractères par valeur) : raccourcissez-les dans l’onglet Produits.',
  stripeRefused: (message: string) => `Stripe a refusé la demande : ${message}`,
  noKey: 'Aucune clé Stripe n’est configurée : lancez l’installation.',
  noWebApp:
    'Carnet ne connaît pas encore l’adresse de son application web : déployez-la (Déployer > Nouveau déploiement) et collez son adresse en /exec dans Carnet > Configuration avant d’envoyer des liens de paiement.',
  unknownRequest: (session: string) => `Aucune demande de paiement ${session} dans l’onglet Paiements.`,
  notRenewable: (status: string) => `Cette demande est « ${status} » : seule une demande expirée ou échouée peut être renouvelée.`,
  requestSent: (email: string, amount: string) => `Demande de paiement de ${amount} envoyée à ${email}.`,
  reminderSent: (email: string) => `Relance de paiement envoyée à ${email}.`,
  requestExpired: (email: string) => `Le lien de paiement envoyé à ${email} a expiré.`,
  mailSubject: (business: string) => `Votre lien de paiement — ${business}`,
  mailIntro: (name: string) => (name ? `Bonjour ${name},` : 'Bonjour,'),
  mailBody: (what: string, amount: string) => `Voici le lien pour régler votre commande : ${what}, pour un total de ${amount}.`,
  mailDeadline: (deadline: string) => `Ce lien est valable jusqu’au ${deadline}.`,
  mailPay: 'Payer en ligne :',
  reminderSubject: (business: string) => `Rappel : votre commande auprès de ${business}`,
  reminderBody: (what: string, amount: string) => `Votre commande (${what}, ${amount}) n’est pas encore réglée.`,
  reminderLeft: (deadline: string, left: string) => `Le lien reste valable jusqu’au ${deadline} (encore ${left}).`,
  expiredSubject: (business: string) => `Votre lien de paiement a expiré — ${business}`,
  expiredBody: (what: string) =>
    `Le lien de paiement pour votre commande (${what}) a expiré sans paiement. Répondez simplement à cet e-mail si vous souhaitez en recevoir un nouveau.`,
  signature: (business: string) => `Bien cordialement,\n${business}`,
  linksCreated: (created: number, kept: number) => `Liens de paiement : ${created} créé(s), ${kept} déjà en place.`,
  linkProblem: (code: string, message: string) => `Produit ${code} : lien de paiement non créé (${message}).`,
  pageThanksTitle: 'Merci !',
  pageThanks: 'Votre paiement est bien reçu. Vous allez recevoir votre facture par e-mail dans quelques minutes.',
  pageCancelTitle: 'Paiement annulé',
  pageCancel: 'Le paiement n’a pas été effectué. Vous pouvez reprendre le lien reçu par e-mail tant qu’il est valable.',
};

export type RequestText = typeof fr;

const en: RequestText = {
  badEmail: (email) => `Invalid e-mail address: "${email}". Check it before sending the request.`,
  noItem: 'Choose at least one product.',
  unknownProduct: (code) => `Product "${code}" not found in the Produits tab.`,
  inactiveProduct: (code) => `Product "${code}" is deactivated (Actif column).`,
  badQuantity: (code, quantity) => `Invalid quantity "${quantity}" for ${code}: a whole number from 1 to 100.`,
  priceTooLow: (code) => `The price of ${code} is too low for a card payment (€0.50 minimum).`,
  badFreeLabel: (max) => `Free amount: the label must be 1 to ${max} characters long.`,
  badFreeAmount: (label, amount, maxEuros) =>
    `Free amount "${label}": ${amount ? `invalid amount "${amount}"` : 'missing amount'} (an amount in euros from €0.50 to €${String(maxEuros).replace(/\B(?=(\d{3})+$)/g, ',')}, e.g. 45.00).`,
  tooManyLines: (max) => `A payment request holds at most ${max} different products (a Stripe Checkout limit).`,
  codesTooLong: 'The product codes of this request are too long for Stripe (metadata values are limited to 500 characters): shorten them in the Produits tab.',
  stripeRefused: (message) => `Stripe refused the request: ${message}`,
  noKey: 'No Stripe key is configured: run the setup.',
  noWebApp:
    'Carnet does not know its web app’s address yet: deploy it (Deploy > New deployment) and paste its /exec address in Carnet > Configuration before sending payment links.',
  unknownRequest: (session) => `No payment request ${session} in the Paiements tab.`,
  notRenewable: (status) => `This request is "${status}": only an expired or failed request can be renewed.`,
  requestSent: (email, amount) => `Payment request for ${amount} sent to ${email}.`,
  reminderSent: (email) => `Payment reminder sent to ${email}.`,
  requestExpired: (email) => `The payment link sent to ${email} expired.`,
  mailSubject: (business) => `Your payment link — ${business}`,
  mailIntro: (name) => (name ? `Hello ${name},` : 'Hello,'),
  mailBody: (what, amount) => `Here is the link to pay for your order: ${what}, ${amount} in total.`,
  mailDeadline: (deadline) => `This link is valid until ${deadline}.`,
  mailPay: 'Pay online:',
  reminderSubject: (business) => `Reminder: your order with ${business}`,
  reminderBody: (what, amount) => `Your order (${what}, ${amount}) is not paid yet.`,
  reminderLeft: (deadline, left) => `The link stays valid until ${deadline} (${left} left).`,
  expiredSubject: (business) => `Your payment link expired — ${business}`,
  expiredBody: (what) => `The payment link for your order (${what}) expired unpaid. Just reply to this e-mail if you would like a new one.`,
  signature: (business) => `Kind regards,\n${business}`,
  linksCreated: (created, kept) => `Payment links: ${created} created, ${kept} already in place.`,
  linkProblem: (code, message) => `Product ${code}: payment link not created (${message}).`,
  pageThanksTitle: 'Thank you!',
  pageThanks: 'Your payment has been received. Your invoice will reach you by e-mail within a few minutes.',
  pageCancelTitle: 'Payment cancelled',
  pageCancel: 'The payment was not made. You can use the link you received by e-mail while it is valid.',
};

export function requestText(locale: Locale): RequestText {
  return locale === 'en' ? en : fr;
}
