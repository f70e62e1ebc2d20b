// The spreadsheet schema: tab names and header texts. The contract headers (../shared/CONTRACT.md)
// come first in each tab; the others are Carnet's extensions. Columns are always found by header.

export const TABS = {
  settings: 'Paramètres',
  products: 'Produits',
  clients: 'Clients',
  ledger: 'Crédits',
  payments: 'Paiements',
  invoices: 'Factures',
  bookings: 'Réservations',
  events: 'Événements',
  journal: 'Journal',
  receipts: 'Recettes',
  downloads: 'Téléchargements',
  templates: 'Modèles',
  outbox: 'Envois',
} as const;

export type TabKey = keyof typeof TABS;

export const HEADERS = {
  settings: ['Paramètre', 'Valeur', 'Aide'],
  products: [
    'Code',
    'Nom',
    'Type',
    'Prix TTC',
    'Crédits',
    'Validité (jours)',
    'Stripe',
    'Lien de réservation',
    "Lien d'accès",
    "Code d'accès",
    'Fichier',
    'Actif',
    'Taux de TVA',
    'Lien de paiement',
  ],
  clients: ['E-mail', 'Nom', 'Solde', 'Téléphone', 'Client Stripe', 'Société', 'N° TVA', 'Adresse', 'Litige', 'Créé le', 'Mis à jour', 'Lots', 'Alerte solde'],
  ledger: ['Date', 'E-mail', 'Variation', 'Solde', 'Motif', 'Référence', 'Expiration', 'Opération'],
  payments: [
    'Date',
    'E-mail',
    'Montant',
    'Statut',
    'Session Stripe',
    'Nom',
    'Produits',
    'Paiement Stripe',
    'Crédits',
    'Remboursé',
    'Remboursements',
    'Crédits retirés',
    'Litige',
    'Facture',
    'Mis à jour',
    'Lien de paiement',
    'Expire le',
    'Relances',
    'Relancé le',
    'Demande',
  ],
  invoices: [
    'Numéro',
    'Date',
    'Type',
    'E-mail',
    'Montant TTC',
    'PDF',
    'Client',
    'Montant HT',
    'TVA',
    'Date de vente',
    'Référence paiement',
    "Facture d'origine",
    'Statut',
    'Envoyée le',
    'Erreur',
    'Fichier',
    'Données',
  ],
  bookings: ['Événement', 'E-mail', 'Début', 'Statut', 'Fin', 'Nom', 'Crédit', 'Lot', 'Mis à jour'],
  events: ['ID', 'Type', 'Statut', 'Tentatives', 'Erreur', 'Prochain essai', 'Mis à jour', 'Objet', 'Créé (Stripe)', 'Reçu le', 'Source'],
  journal: ['Date', 'Niveau', 'Message'],
  receipts: ['Date', 'Référence', 'Client', 'Nature', 'Montant', 'Mode de règlement', 'Pièce'],
  downloads: [
    'Jeton (empreinte)',
    'E-mail',
    'Produit',
    'Fichier',
    'Session Stripe',
    'Créé le',
    'Expire le',
    'Téléchargements',
    'Limite',
    'Révoqué',
    'Dernier téléchargement',
    'Historique',
  ],
  templates: ['Clé', 'Français', 'English', 'Aide'],
  outbox: ['Clé', 'Date', 'Priorité', 'À', 'Objet', 'Statut', 'Envoyé le', 'Erreur', 'Contenu'],
} as const satisfies Record<TabKey, readonly string[]>;

export type Header<K extends TabKey> = (typeof HEADERS)[K][number];

/** Values as Apps Script reads and writes them. */
export type CellValue = string | number | boolean | Date;

/** Cells of one row of tab K, by header: a header that is not the tab's fails to compile. */
export type Row<K extends TabKey> = Partial<Record<Header<K>, CellValue>>;

/** Columns holding dates, for reads that bring serial numbers (the Sheets API's unformatted values): gas/layout.ts. */
export const DATE_HEADERS: { [K in TabKey]?: ReadonlyArray<Header<K>> } = {
  clients: ['Créé le', 'Mis à jour'],
};

/** The column that identifies a row of each tab Carnet writes by key (at most one row per key). */
export const KEY_HEADER = {
  clients: 'E-mail',
  ledger: 'Opération',
  payments: 'Session Stripe',
  invoices: 'Numéro',
  bookings: 'Événement',
  events: 'ID',
  receipts: 'Pièce',
  downloads: 'Jeton (empreinte)',
  outbox: 'Clé',
} as const satisfies { [K in TabKey]?: Header<K> };

export type KeyedTab = keyof typeof KEY_HEADER;

export const PRODUCT_TYPES = ['cours', 'formation', 'ebook'] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];

/** Statuses of the `Événements` inbox. */
export const EVENT_STATUS = {
  received: 'reçu',
  done: 'traité',
  ignored: 'ignoré',
  failed: 'en échec',
  abandoned: 'abandonné',
  /** Its half-applied plan could not be finished: waits for the admin, never processed again on its own. */
  setAside: 'mis de côté',
} as const;
export type EventStatus = (typeof EVENT_STATUS)[keyof typeof EVENT_STATUS];

/** Lifecycle of a `Factures` row: numbered, then its PDF made, then e-mailed. */
export const INVOICE_STATUS = {
  toRender: 'à générer',
  toSend: 'à envoyer',
  /** Being e-mailed: a row left so was cut off mid-send. */
  sending: 'envoi en cours',
  /** Cut off mid-send: the e-mail may have left, so it is not sent again by itself. */
  uncertain: 'envoi incertain',
  sent: 'envoyée',
} as const;

/** `Paiements` → `Facture` while no number could be given yet (settings incomplete, numbering stopped). */
export const INVOICE_TO_ISSUE = 'à émettre';

/** Statuses of a `Paiements` row. */
export const PAYMENT_STATUS = {
  paid: 'payé',
  pending: 'en attente',
  failed: 'échoué',
  expired: 'expiré',
  refunded: 'remboursé',
  partiallyRefunded: 'remboursé partiellement',
  disputed: 'litige',
  disputeLost: 'litige perdu',
} as const;

/** Statuses of a `Réservations` row (decided by domain/booking.ts). */
export const BOOKING_STATUS = {
  booked: 'réservé',
  noCredit: 'sans crédit',
  cancelled: 'annulé',
  lateCancelled: 'annulation tardive',
  refused: 'refusé',
} as const;

/** Statuses of the `Envois` outbox (domain/outbox.ts). */
export const OUTBOX_STATUS = {
  waiting: 'à envoyer',
  /** Between "about to leave" and "left": a run that dies there leaves it `envoi incertain`, never sent twice. */
  sending: 'envoi en cours',
  sent: 'envoyé',
  uncertain: 'envoi incertain',
  /** MailApp refused it for good (an invalid address): the admin is told. */
  refused: 'non envoyé',
} as const;
