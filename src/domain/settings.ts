// The `Paramètres` tab: one setting per row (Paramètre | Valeur | Aide). Labels are the keys the
// admin sees; each has a default written by setup() and a parser that turns the cell into a value
// or a French message saying what to fix.
import type { CellValue } from './schema';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../i18n/locale';
import { asText, isNo } from './values';
import { DEFAULT_VAT_RATE_PERCENT, VAT_MODES, isPercentRate } from './vat';
import { DEFAULT_LATE_PENALTY_RATE } from './legalMentions';
import { EINVOICING_SETTINGS } from './einvoicing';

interface SettingSpec<T> {
  label: string;
  default: CellValue;
  help: string;
  parse(value: CellValue): T;
}

class SettingError extends Error {}

function text(label: string, fallback = '', help = ''): SettingSpec<string> {
  return { label, default: fallback, help, parse: (v) => asText(v) };
}

function integer(label: string, fallback: number, min: number, max: number, help: string): SettingSpec<number> {
  return {
    label,
    default: fallback,
    help,
    parse(v) {
      const n = typeof v === 'number' ? v : Number(String(v).trim().replace(',', '.'));
      if (String(v).trim() === '') return fallback;
      if (!Number.isInteger(n) || n < min || n > max) {
        throw new SettingError(`Paramètre « ${label} » : « ${String(v)} » n'est pas un nombre entier entre ${min} et ${max}.`);
      }
      return n;
    },
  };
}

function prefix(label: string, fallback: string, help: string): SettingSpec<string> {
  return {
    label,
    default: fallback,
    help,
    parse(v) {
      const s = asText(v);
      if (s === '') return fallback;
      if (!/^[A-Za-z0-9]{1,10}$/.test(s))
        throw new SettingError(`Paramètre « ${label} » : « ${s} » ne convient pas (1 à 10 lettres ou chiffres, sans tiret ni espace).`);
      return s;
    },
  };
}

function percent(label: string, fallback: number, help: string): SettingSpec<number> {
  return {
    label,
    default: fallback,
    help,
    parse(v) {
      const text = asText(v).replace(/\s*%$/, '');
      if (text === '') return fallback;
      const n = typeof v === 'number' ? v : Number(text.replace(',', '.'));
      if (!isPercentRate(n)) {
        throw new SettingError(`Paramètre « ${label} » : « ${String(v)} » n'est pas un taux entre 0 et 100 (ex. 20 ou 5,5).`);
      }
      return n;
    },
  };
}

/** Hours with decimals (0,5 = 30 minutes); empty = `fallback` (null means "off"). */
function hours(label: string, fallback: number | null, min: number, max: number, help: string): SettingSpec<number | null> {
  return {
    label,
    default: fallback ?? '',
    help,
    parse(v) {
      const text = asText(v);
      if (text === '') return fallback;
      const n = typeof v === 'number' ? v : Number(text.replace(',', '.'));
      if (!Number.isFinite(n) || n < min || n > max) {
        throw new SettingError(`Paramètre « ${label} » : « ${String(v)} » n'est pas une durée entre ${String(min).replace('.', ',')} et ${max} heures.`);
      }
      return n;
    },
  };
}

function yesNo(label: string, fallback: boolean, help: string): SettingSpec<boolean> {
  return {
    label,
    default: fallback ? 'oui' : 'non',
    help,
    parse(v) {
      if (typeof v === 'boolean') return v;
      const s = String(v).trim().toLowerCase();
      if (s === '') return fallback;
      if (['oui', 'yes', 'vrai', 'true', '1'].includes(s)) return true;
      if (isNo(s)) return false;
      throw new SettingError(`Paramètre « ${label} » : répondez « oui » ou « non » (lu : « ${String(v)} »).`);
    },
  };
}

function choice<T extends string>(label: string, values: readonly T[], fallback: T, help: string): SettingSpec<T> {
  return {
    label,
    default: fallback,
    help,
    parse(v) {
      const s = String(v).trim().toLowerCase();
      if (s === '') return fallback;
      const found = values.find((x) => x === s);
      if (!found) throw new SettingError(`Paramètre « ${label} » : valeurs possibles ${values.map((x) => `« ${x} »`).join(', ')} (lu : « ${String(v)} »).`);
      return found;
    },
  };
}

export const SETTINGS = {
  legalName: text(
    'Prénom et nom',
    '',
    'Votre prénom et votre nom, tels qu’inscrits au répertoire SIRENE (obligatoire) : les factures portent « Prénom Nom EI ».',
  ),
  businessName: text('Nom commercial', '', 'Facultatif : votre nom commercial, imprimé à côté de votre nom sur les factures et nom d’expéditeur des e-mails.'),
  businessAddress: text('Adresse', '', 'Adresse postale complète (obligatoire sur les factures).'),
  siret: text('SIRET', '', 'SIREN (9 chiffres) ou SIRET (14 chiffres).'),
  businessEmail: text('E-mail de contact', '', 'Adresse affichée sur les factures et e-mails.'),
  businessPhone: text('Téléphone', '', 'Facultatif.'),
  adminEmail: text("E-mail de l'administrateur", '', 'Qui reçoit les alertes. Vide : le propriétaire du script.'),
  locale: choice<Locale>('Langue', LOCALES, DEFAULT_LOCALE, 'Langue des e-mails et documents : fr ou en.'),
  currency: choice('Devise', ['eur'], 'eur', 'Seule devise acceptée pour les paiements.'),
  vatMode: choice('Régime de TVA', VAT_MODES, 'franchise', 'franchise (art. 293 B du CGI) ou standard.'),
  vatNumber: text('N° de TVA intracommunautaire', '', 'Obligatoire en régime standard (ex. FR12345678901) ; facultatif en franchise.'),
  defaultVatRate: percent('Taux de TVA par défaut (%)', DEFAULT_VAT_RATE_PERCENT, 'En régime standard, taux appliqué aux produits sans taux propre.'),
  invoicePrefix: prefix('Préfixe des factures', 'F', 'Ex. F donne F-2026-0001.'),
  creditNotePrefix: prefix('Préfixe des avoirs', 'A', 'Ex. A donne A-2026-0001.'),
  numberDigits: integer('Chiffres du numéro', 4, 1, 10, 'Nombre de chiffres du numéro de séquence.'),
  yearlyNumbering: yesNo('Numérotation annuelle', true, 'oui : la séquence repart à 1 chaque année (F-2026-0001).'),
  latePenaltyRate: text('Pénalités de retard', DEFAULT_LATE_PENALTY_RATE, 'Mention pour les clients professionnels.'),
  einvoicing: choice(
    'Mentions de la facturation électronique',
    EINVOICING_SETTINGS,
    'auto',
    'auto : imprimées à partir du 1er septembre 2027 (SIREN du client, nature de l’opération, option TVA sur les débits) ; oui : dès maintenant ; non : jamais.',
  ),
  vatOnDebits: yesNo(
    'Option TVA sur les débits',
    false,
    'oui si vous avez opté pour le paiement de la TVA d’après les débits (régime standard) : la mention est imprimée.',
  ),
  bookingLink: text('Lien de réservation par défaut', '', 'Page de prise de rendez-vous Google Agenda.'),
  shopLink: text("Lien d'achat de crédits", '', 'Où un client achète de nouveaux crédits.'),
  bookingCalendar: text(
    'Calendrier des réservations',
    '',
    'Identifiant de l’agenda où arrivent les réservations (Paramètres de l’agenda > Intégrer l’agenda). Vide : votre agenda principal. Relancez l’installation après l’avoir changé.',
  ),
  scheduleName: text(
    'Nom du planning de rendez-vous',
    '',
    'Si rempli, seuls les événements dont le titre contient ce nom sont des réservations. Vide : tout événement avec un invité.',
  ),
  cancellationHours: integer("Délai d'annulation (heures)", 24, 0, 720, 'Une annulation au moins ce nombre d’heures avant le cours rend le crédit.'),
  refundLateCancellation: yesNo("Rendre le crédit en cas d'annulation tardive", false, 'oui : le crédit est rendu même après le délai d’annulation.'),
  declineWithoutCredit: yesNo('Refuser les réservations sans crédit', false, 'oui : Carnet annule dans l’agenda une réservation faite sans crédit.'),
  lowBalanceThreshold: integer(
    'Seuil de solde bas',
    1,
    0,
    100,
    'Un rappel est envoyé au client quand son solde descend à ce nombre de crédits (0 : pas de rappel).',
  ),
  expiryWarningDays: integer(
    "Prévenir avant l'expiration (jours)",
    7,
    0,
    90,
    'Le client est prévenu ce nombre de jours avant que ses crédits expirent (0 : pas d’avertissement).',
  ),
  requestValidityHours: hours(
    'Validité des liens de paiement (heures)',
    24,
    0.5,
    24,
    'Durée pendant laquelle un lien envoyé depuis Carnet peut être payé : de 0,5 (30 minutes) à 24.',
  ),
  reminderAfterHours: hours('Relance après (heures)', 1, 0.25, 23, 'Une demande de paiement non réglée est rappelée au client après ce délai.'),
  secondReminderAfterHours: hours('Seconde relance après (heures)', null, 0.5, 23.5, 'Vide : pas de seconde relance.'),
  downloadValidityDays: integer(
    'Validité des liens de téléchargement (jours)',
    30,
    1,
    3650,
    'Durée pendant laquelle le lien personnel d’un livre numérique fonctionne, à partir de l’achat.',
  ),
  downloadLimit: integer('Téléchargements autorisés', 5, 1, 1000, 'Nombre de téléchargements permis par lien personnel de livre numérique.'),
  folderId: text('Dossier Drive', '', 'Rempli par l’installation.'),
  invoiceTemplateId: text('Modèle de facture', '', 'Document Google Docs du modèle (rempli par l’installation).'),
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type Settings = { [K in SettingKey]: ReturnType<(typeof SETTINGS)[K]['parse']> };

export interface SettingsResult {
  settings: Settings;
  /** One French message per unreadable value; the default is used meanwhile. */
  problems: string[];
}

/** Reads the settings from the tab's rows (label → value); unknown labels are ignored, missing ones take their default. */
export function parseSettings(rows: Map<string, CellValue>): SettingsResult {
  // Installed before `Prénom et nom` existed (setup() not run since): `Nom commercial` was the only name.
  if (!rows.has(SETTINGS.legalName.label) && rows.has(SETTINGS.businessName.label)) {
    rows = new Map(rows).set(SETTINGS.legalName.label, rows.get(SETTINGS.businessName.label) as CellValue);
  }
  const problems: string[] = [];
  const settings = {} as Record<SettingKey, unknown>;
  for (const key of Object.keys(SETTINGS) as SettingKey[]) {
    const spec = SETTINGS[key] as SettingSpec<unknown>;
    const raw = rows.has(spec.label) ? (rows.get(spec.label) as CellValue) : spec.default;
    try {
      settings[key] = spec.parse(raw);
    } catch (error) {
      if (!(error instanceof SettingError)) throw error;
      problems.push(error.message);
      settings[key] = spec.parse(spec.default);
    }
  }
  return { settings: settings as Settings, problems };
}

export function settingLabel(key: SettingKey): string {
  return SETTINGS[key].label;
}

/** The name e-mails and pages are signed with: the trade name, else the entrepreneur's name, else "Carnet". */
export function senderName(settings: Pick<Settings, 'businessName' | 'legalName'>): string {
  return settings.businessName || settings.legalName || 'Carnet';
}
