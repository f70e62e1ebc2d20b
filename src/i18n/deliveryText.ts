// What Carnet says when it delivers what was bought: the client e-mail's texts (defaults of the
// `Modèles` tab, which overrides them), the download page, and the admin's messages. French first,
// English mirrored (the types enforce it).
import type { Locale } from './locale';

export interface MailTemplate {
  fr: string;
  en: string;
  /** What the text is for, shown in the `Aide` column (French: the admin's language). */
  help: string;
  /** The {{placeholders}} this text may use. */
  vars: readonly string[];
  /** Earlier default texts: a `Modèles` cell still holding one of them is updated by setup(). */
  previous?: readonly string[];
}

/**
 * The client e-mail of an invoice or a credit note, paragraph by paragraph. Keys are the `Clé` column
 * of the `Modèles` tab; a link, when there is one, is printed after the text on its own line.
 */
export const MAIL_TEMPLATES = {
  'objet.facture': {
    fr: 'Facture {{numero}} — {{entreprise}}',
    en: 'Invoice {{numero}} — {{entreprise}}',
    help: 'Objet de l’e-mail qui accompagne une facture.',
    vars: ['numero', 'entreprise'],
  },
  'objet.avoir': {
    fr: 'Avoir {{numero}} — {{entreprise}}',
    en: 'Credit note {{numero}} — {{entreprise}}',
    help: 'Objet de l’e-mail qui accompagne un avoir (remboursement).',
    vars: ['numero', 'entreprise'],
  },
  bonjour: {
    fr: 'Bonjour {{prenom}},',
    en: 'Hello {{prenom}},',
    help: 'Première ligne de chaque e-mail ({{prenom}} : le prénom, omis quand il est inconnu).',
    vars: ['nom', 'prenom'],
    previous: ['Bonjour {{nom}},', 'Hello {{nom}},'],
  },
  'facture.merci': {
    fr: 'Merci pour votre achat. Vous trouverez ci-joint votre facture {{numero}}, d’un montant de {{montant}}, réglée.',
    en: 'Thank you for your purchase. Please find attached your invoice {{numero}} for {{montant}}, paid.',
    help: 'Après un paiement, avant ce qui a été acheté.',
    vars: ['numero', 'montant', 'nom'],
  },
  'avoir.intro': {
    fr: 'Nous vous avons remboursé {{montant}} ({{annulation}} {{facture}} du {{date_facture}}). Vous trouverez ci-joint l’avoir {{numero}}.',
    en: 'We have refunded you {{montant}} ({{annulation}} {{facture}} of {{date_facture}}). Please find attached credit note {{numero}}.',
    help: 'E-mail d’un avoir (remboursement) : ce qui est remboursé ; {{annulation}} dit « totalité de la facture » ou « partie de la facture ».',
    vars: ['numero', 'montant', 'facture', 'date_facture', 'annulation', 'nom'],
    previous: [
      'Votre remboursement de {{montant}} a été effectué. Vous trouverez ci-joint l’avoir {{numero}}, qui annule tout ou partie de la facture {{facture}}.',
      'Your refund of {{montant}} has been made. Please find attached credit note {{numero}}, which cancels all or part of invoice {{facture}}.',
    ],
  },
  'avoir.credits': {
    fr: 'Ce remboursement retire {{credits_retires}} de votre compte ; votre solde est maintenant de {{solde_credits}}.',
    en: 'This refund takes {{credits_retires}} off your account; your balance is now {{solde_credits}}.',
    help: 'Remboursement d’un achat de cours : crédits retirés et nouveau solde.',
    vars: ['credits_retires', 'solde_credits', 'credits', 'solde'],
  },
  'avoir.delai': {
    fr: 'Le remboursement apparaîtra sur votre relevé bancaire sous 5 à 10 jours ouvrés, selon votre banque.',
    en: 'The refund will show on your bank statement within 5 to 10 business days, depending on your bank.',
    help: 'Remboursement : quand la banque l’affichera.',
    vars: [],
  },
  'facture.annulation': {
    // No cause named: a refund fails for many reasons (or is canceled), seldom the client's bank refusing it.
    fr: 'Le remboursement de {{montant}} n’a pas pu aboutir : la facture {{numero}} ci-jointe annule l’avoir {{avoir}}. Nous allons vous contacter pour vous rembourser autrement.',
    en: 'The refund of {{montant}} could not be completed: the attached invoice {{numero}} cancels credit note {{avoir}}. We will contact you to refund you another way.',
    help: 'E-mail de la facture qui annule un avoir dont le remboursement a échoué.',
    vars: ['numero', 'montant', 'avoir', 'nom'],
    previous: [
      'Le remboursement de {{montant}} n’a pas pu aboutir (refusé par votre banque) : la facture {{numero}} ci-jointe annule l’avoir {{avoir}}. Nous allons vous contacter pour vous rembourser autrement.',
      'The refund of {{montant}} could not be completed (refused by your bank): the attached invoice {{numero}} cancels credit note {{avoir}}. We will contact you to refund you another way.',
    ],
  },
  'facture.retablissement': {
    fr: 'L’accès retiré lors de ce remboursement vous est rendu : {{acces}}. Vos liens de téléchargement fonctionnent de nouveau.',
    en: 'The access withdrawn with that refund is given back to you: {{acces}}. Your download links work again.',
    help: 'E-mail de la facture qui annule un avoir total dont le remboursement a échoué : les formations et ebooks rendus.',
    vars: ['acces', 'nom'],
  },
  'avoir.retrait': {
    fr: 'Ce remboursement étant total, l’accès suivant a été retiré : {{acces}}.',
    en: 'As this refund is full, the following access has been withdrawn: {{acces}}.',
    help: 'E-mail d’un avoir qui rembourse tout l’achat : ce qui a été retiré (liens de téléchargement, accès aux formations).',
    vars: ['acces', 'nom'],
  },
  'cours.credits': {
    fr: 'Votre compte est crédité de {{credits_ajoutes}} ; votre solde est de {{solde_credits}}.',
    en: 'Your account has been credited with {{credits_ajoutes}}; your balance is {{solde_credits}}.',
    help: 'Achat de cours : crédits ajoutés et nouveau solde ({{credits_ajoutes}} : « 10 crédits de cours », {{solde_credits}} : « 12 crédits » ; {{credits}} et {{solde}} : les nombres seuls).',
    vars: ['credits_ajoutes', 'solde_credits', 'credits', 'solde'],
    previous: [
      '{{credits}} crédit(s) de cours ajouté(s) à votre compte. Solde actuel : {{solde}} crédit(s).',
      '{{credits}} lesson credit(s) added to your account. Current balance: {{solde}} credit(s).',
    ],
  },
  'cours.expiration': {
    fr: 'Vos crédits sont valables jusqu’au {{date}}.',
    en: 'Your credits are valid until {{date}}.',
    help: 'Achat de cours dont les crédits expirent (colonne Validité du produit).',
    vars: ['date'],
  },
  'cours.reservation': {
    fr: 'Réservez vos cours ici :',
    en: 'Book your lessons here:',
    help: 'Suivi du lien de réservation (celui du produit, sinon celui des Paramètres).',
    vars: [],
  },
  'cours.email': {
    fr: 'Réservez avec la même adresse e-mail que pour ce paiement ({{email}}) : c’est elle qui relie vos réservations à vos crédits.',
    en: 'Book with the same e-mail address as for this payment ({{email}}): that is how your bookings are matched with your credits.',
    help: 'Achat de cours : les réservations sont reconnues par l’adresse e-mail.',
    vars: ['email'],
  },
  'cours.annulation': {
    fr: 'Pour annuler ou déplacer un cours, utilisez le lien de l’e-mail de confirmation de la réservation. Annulé au moins {{heures}} h avant son début, le cours vous est recrédité ; plus tard, il est dû.',
    en: 'To cancel or move a lesson, use the link in the booking confirmation e-mail. Cancelled at least {{heures}} hours before it starts, the lesson is credited back; later, it is due.',
    help: 'Achat de cours : comment annuler et règle d’annulation tardive (paramètre « Délai d’annulation (heures) »).',
    vars: ['heures'],
    previous: [
      'Vous pouvez annuler un cours jusqu’à {{heures}} heures avant son début : votre crédit vous est alors rendu.',
      'You may cancel a lesson up to {{heures}} hours before it starts: your credit is then given back.',
    ],
  },
  'cours.annulation.souple': {
    fr: 'Pour annuler ou déplacer un cours, utilisez le lien de l’e-mail de confirmation de la réservation : votre crédit vous est rendu, même pour une annulation tardive.',
    en: 'To cancel or move a lesson, use the link in the booking confirmation e-mail: your credit is given back, even for a late cancellation.',
    help: 'Comme « cours.annulation », quand « Rendre le crédit en cas d’annulation tardive » vaut oui.',
    vars: [],
  },
  'formation.acces': {
    fr: 'Formation « {{produit}} » : voici votre accès.',
    en: 'Training “{{produit}}”: here is your access.',
    help: 'Achat d’une formation, suivi de son « Lien d’accès ».',
    vars: ['produit'],
  },
  'formation.attente': {
    fr: 'Formation « {{produit}} » : vos accès vous seront envoyés séparément.',
    en: 'Training “{{produit}}”: your access details will be sent to you separately.',
    help: 'Formation sans lien, code ni fichier partagé (à compléter dans Produits).',
    vars: ['produit'],
  },
  'formation.code': {
    fr: 'Code d’accès : {{code}}',
    en: 'Access code: {{code}}',
    help: 'Le « Code d’accès » de la formation.',
    vars: ['code', 'produit'],
  },
  'formation.partage': {
    fr: '« {{fichier}} » est partagé avec votre adresse {{email}} :',
    en: '“{{fichier}}” is shared with your address {{email}}:',
    help: 'Formation avec un fichier ou dossier Drive (colonne Fichier), suivi de son lien.',
    vars: ['fichier', 'email', 'produit'],
    previous: ['« {{fichier}} » est partagé avec votre compte Google {{email}} :', '“{{fichier}}” is shared with your Google account {{email}}:'],
  },
  'formation.compte': {
    fr: 'Ouvrez ce lien en étant connecté à Google avec l’adresse {{email}}. Si ce n’est pas encore un compte Google, Google vous a envoyé une invitation : créez gratuitement un compte Google avec cette même adresse (sans créer d’adresse Gmail), puis rouvrez le lien :',
    en: 'Open this link while signed in to Google with the address {{email}}. If it is not a Google account yet, Google has sent you an invitation: create a free Google account with this same address (no need for a Gmail address), then open the link again:',
    help: 'Suit le partage Drive d’une formation : que faire si l’adresse n’est pas un compte Google (Drive ne donne accès qu’à un compte Google), suivi du lien de création de compte.',
    vars: ['email', 'produit'],
  },
  'ebook.lien': {
    fr: 'Livre numérique « {{produit}} » : votre lien de téléchargement personnel, valable jusqu’au {{date}} pour {{telechargements}}. Ne le transmettez pas.',
    en: 'Ebook “{{produit}}”: your personal download link, valid until {{date}} for {{telechargements}}. Please do not share it.',
    help: 'Achat d’un livre numérique, suivi du lien de téléchargement personnel ({{telechargements}} : « 5 téléchargements » ; {{limite}} : le nombre seul).',
    vars: ['produit', 'date', 'telechargements', 'limite'],
    previous: [
      'Livre numérique « {{produit}} » : votre lien de téléchargement personnel, valable jusqu’au {{date}} pour {{limite}} téléchargement(s). Ne le transmettez pas.',
      'Ebook “{{produit}}”: your personal download link, valid until {{date}} for {{limite}} download(s). Please do not share it.',
    ],
  },
  signature: {
    fr: 'Bien cordialement,\n{{entreprise}}',
    en: 'Kind regards,\n{{entreprise}}',
    help: 'Dernière ligne de chaque e-mail.',
    vars: ['entreprise'],
  },
} as const satisfies Record<string, MailTemplate>;

export type TemplateKey = keyof typeof MAIL_TEMPLATES;

/** Counted words of the e-mails, with proper plurals (never "crédit(s)"). */
export interface CountWords {
  lessonCredits(n: number): string;
  credits(n: number): string;
  downloads(n: number | null): string;
  /** How much of the invoice a credit note cancels. */
  cancelsAll: string;
  cancelsPart: string;
  /** Credit notes frozen before Carnet recorded whether they cancel all of the invoice. */
  cancelsAllOrPart: string;
}

const plural = (n: number, one: string, many: string): string => `${n} ${Math.abs(n) <= 1 ? one : many}`;

export const COUNT_WORDS: Readonly<Record<Locale, CountWords>> = {
  fr: {
    lessonCredits: (n) => plural(n, 'crédit de cours', 'crédits de cours'),
    credits: (n) => plural(n, 'crédit', 'crédits'),
    downloads: (n) => (n === null ? 'un nombre illimité de téléchargements' : plural(n, 'téléchargement', 'téléchargements')),
    cancelsAll: 'totalité de la facture',
    cancelsPart: 'partie de la facture',
    cancelsAllOrPart: 'tout ou partie de la facture',
  },
  en: {
    lessonCredits: (n) => plural(n, 'lesson credit', 'lesson credits'),
    credits: (n) => plural(n, 'credit', 'credits'),
    downloads: (n) => (n === null ? 'unlimited downloads' : plural(n, 'download', 'downloads')),
    cancelsAll: 'all of invoice',
    cancelsPart: 'part of invoice',
    cancelsAllOrPart: 'all or part of invoice',
  },
};

const fr = {
  // Download page (the client).
  pageTitle: 'Téléchargement',
  pageReady: (file: string) => `Le téléchargement de « ${file} » commence. S’il ne démarre pas, utilisez le bouton ci-dessous.`,
  pageAgain: 'Télécharger',
  pageCount: (count: number, limit: number | null, until: string | null) =>
    `Téléchargement ${count}${limit ? ` sur ${limit}` : ''}${until ? `. Ce lien reste valable jusqu’au ${until}` : ''}.`,
  pageInvalidTitle: 'Lien non valable',
  pageInvalid:
    'Ce lien de téléchargement n’est pas valable ou ne l’est plus : chaque lien est personnel, pour une durée et un nombre de téléchargements limités. Si vous avez acheté ce fichier, répondez à l’e-mail qui contenait le lien : un nouveau lien vous sera envoyé.',
  pageUnavailableTitle: 'Fichier momentanément indisponible',
  pageUnavailable:
    'Le fichier ne peut pas être téléchargé pour l’instant. Le vendeur en est averti ; réessayez plus tard avec le même lien (cette tentative n’a pas été décomptée).',
  pageBusy: 'Le service est très sollicité : réessayez dans une minute avec le même lien (cette tentative n’a pas été décomptée).',
  contact: (email: string) => `Contact : ${email}`,
  noScript: 'Activez JavaScript pour télécharger le fichier.',
  // Journal and admin.
  history: (at: string, count: number, limit: number | null) => `${at} — téléchargement ${count}${limit ? `/${limit}` : ''}`,
  fileUnavailable: (product: string, email: string, problem: string) =>
    `Téléchargement impossible pour ${email} (${product}) : ${problem} Le client n’a rien perdu (tentative non décomptée) ; corrigez la colonne Fichier de l’onglet Téléchargements ou du produit.`,
  fileMissing: 'le fichier Drive est introuvable ou à la corbeille.',
  fileTooBig: (mb: string) => `le fichier pèse ${mb} Mo, au-delà des 25 Mo qu’une page de téléchargement peut transmettre.`,
  viewerRefused: (email: string, product: string, problem: string) =>
    `Formation ${product} : Drive refuse de partager le fichier avec ${email} (${problem}). Le client a reçu le lien et le code d’accès ; partagez le fichier à la main si besoin.`,
  viewerInvited: (email: string, product: string, problem: string) =>
    `Formation ${product} : ${email} n’est pas un compte Google (Drive : ${problem}). Google lui a envoyé une invitation ; le fichier s’ouvrira quand le client aura créé un compte Google avec cette adresse, ce que son e-mail lui explique (avec le lien et le code d’accès s’il y en a). Rien à faire, sauf s’il vous écrit.`,
  viewerFileMissing: (product: string, email: string) =>
    `Formation ${product} : le fichier ou dossier Drive de la colonne Fichier est introuvable ; rien n’a été partagé avec ${email}, qui a reçu le lien et le code d’accès.`,
  ebookWithoutFile: (code: string, email: string) =>
    `Livre numérique ${code} acheté par ${email} : la colonne Fichier du produit est vide. Indiquez-y le fichier Google Drive (identifiant ou lien) : le lien de téléchargement envoyé au client fonctionnera dès la correction.`,
  formationWithoutAccess: (code: string, email: string) =>
    `Formation ${code} achetée par ${email} : ni lien, ni code, ni fichier dans l’onglet Produits. Le client a lu que ses accès lui seraient envoyés séparément : envoyez-les-lui.`,
  badFile: (code: string, value: string) =>
    `Produit ${code} : « ${value} » n’est ni un identifiant ni un lien de fichier ou dossier Google Drive (colonne Fichier) : rien n’a pu être partagé ni téléchargé. Corrigez la colonne.`,
  noWebApp:
    'E-mail en attente : il contient un lien de téléchargement, mais Carnet ne connaît pas encore l’adresse de l’application web (Déployer > Nouveau déploiement, accès « Tout le monde », puis son adresse en /exec dans Carnet > Configuration). Il partira automatiquement ensuite.',
  revokeUnknown: (what: string) => `Aucun lien de téléchargement ne correspond à « ${what} » (onglet Téléchargements).`,
  revoked: (product: string, email: string, row: number) => `Lien de téléchargement révoqué : ${product} pour ${email} (onglet Téléchargements, ligne ${row}).`,
  templateProblem: (key: string, names: string) =>
    `Modèles : le texte « ${key} » contient ${names}, que Carnet ne sait pas remplir ici (champ inconnu ou accolades mal fermées) ; le texte par défaut est envoyé à la place tant qu’il n’est pas corrigé.`,
};

export type DeliveryText = typeof fr;

const en: DeliveryText = {
  pageTitle: 'Download',
  pageReady: (file) => `The download of “${file}” is starting. If it does not, use the button below.`,
  pageAgain: 'Download',
  pageCount: (count, limit, until) => `Download ${count}${limit ? ` of ${limit}` : ''}${until ? `. This link stays valid until ${until}` : ''}.`,
  pageInvalidTitle: 'Link not valid',
  pageInvalid:
    'This download link is not valid, or no longer: each link is personal, for a limited time and number of downloads. If you bought this file, reply to the e-mail that contained the link and a new one will be sent to you.',
  pageUnavailableTitle: 'File temporarily unavailable',
  pageUnavailable: 'The file cannot be downloaded right now. The seller has been told; try again later with the same link (this attempt was not counted).',
  pageBusy: 'The service is busy: try again in a minute with the same link (this attempt was not counted).',
  contact: (email) => `Contact: ${email}`,
  noScript: 'Enable JavaScript to download the file.',
  history: (at, count, limit) => `${at} — download ${count}${limit ? `/${limit}` : ''}`,
  fileUnavailable: (product, email, problem) =>
    `Download impossible for ${email} (${product}): ${problem} The client lost nothing (attempt not counted); fix the Fichier column of the Téléchargements tab or of the product.`,
  fileMissing: 'the Drive file cannot be found or is in the trash.',
  fileTooBig: (mb) => `the file is ${mb} MB, above the 25 MB a download page can carry.`,
  viewerRefused: (email, product, problem) =>
    `Training ${product}: Drive refuses to share the file with ${email} (${problem}). The client received the access link and code; share the file by hand if needed.`,
  viewerInvited: (email, product, problem) =>
    `Training ${product}: ${email} is not a Google account (Drive: ${problem}). Google sent it an invitation; the file will open once the client has made a Google account with this address, which their e-mail explains (with the access link and code, if any). Nothing to do unless they write to you.`,
  viewerFileMissing: (product, email) =>
    `Training ${product}: the Drive file or folder of the Fichier column cannot be found; nothing was shared with ${email}, who received the access link and code.`,
  ebookWithoutFile: (code, email) =>
    `Ebook ${code} bought by ${email}: the product's Fichier column is empty. Put the Google Drive file (id or link) there: the download link sent to the client works as soon as it is fixed.`,
  formationWithoutAccess: (code, email) =>
    `Training ${code} bought by ${email}: no link, code or file in the Produits tab. The client read that their access would be sent separately: send it to them.`,
  badFile: (code, value) =>
    `Product ${code}: “${value}” is neither the id nor the link of a Google Drive file or folder (Fichier column): nothing could be shared or downloaded. Fix the column.`,
  noWebApp:
    'E-mail waiting: it holds a download link but Carnet does not know the web app’s address yet (Deploy > New deployment, access “Anyone”, then its /exec address in Carnet > Configuration). It will go automatically then.',
  revokeUnknown: (what) => `No download link matches “${what}” (Téléchargements tab).`,
  revoked: (product, email, row) => `Download link revoked: ${product} for ${email} (Téléchargements tab, row ${row}).`,
  templateProblem: (key, names) =>
    `Modèles: the text “${key}” holds ${names}, which Carnet cannot fill here (unknown field or badly closed braces); the default text is sent instead until it is fixed.`,
};

export function deliveryText(locale: Locale): DeliveryText {
  return locale === 'en' ? en : fr;
}
