// Every sentence Carnet says to the admin (journal, alerts, menu) and to clients (pages, e-mails),
// in one place. French is the default; English mirrors every key (the type enforces it).
import type { Locale } from './locale';
import { formatEuros } from '../domain/money';

/** The words for a code, or the code itself when it has none (own keys only: never `constructor` & co.). */
function wordsFor(code: string, words: Record<string, string>): string {
  return Object.prototype.hasOwnProperty.call(words, code) ? words[code] : code;
}

const fr = {
  // Menu
  menuTitle: 'Carnet',
  menuSetup: 'Installer / vérifier',
  menuPoll: 'Rattraper les paiements Stripe',
  menuProductLinks: 'Créer les liens de paiement des produits',
  // Journal levels
  levelInfo: 'info',
  levelWarning: 'alerte',
  levelError: 'erreur',
  // Web app
  webhookBadToken: 'Webhook refusé : jeton absent ou incorrect dans l’URL.',
  webhookBadTokenBurst: (silenced: number) =>
    `Webhook refusé : jeton absent ou incorrect dans l’URL (et ${silenced} autre${silenced > 1 ? 's' : ''} refus depuis une heure, comptés sans être notés un par un).`,
  webhookBadBody: 'Webhook refusé : le contenu n’est pas un événement Stripe lisible (JSON attendu).',
  webhookNoId: 'Webhook refusé : l’événement reçu n’a pas d’identifiant evt_….',
  webhookUnknownEvent: (id: string) => `Webhook refusé : Stripe ne connaît pas l’événement ${id} (faux événement, ou clé Stripe d’un autre compte).`,
  webhookWrongMode: (id: string, eventLive: boolean) =>
    `Webhook refusé : l’événement ${id} est en mode ${eventLive ? 'réel' : 'test'} mais la clé Stripe configurée est en mode ${eventLive ? 'test' : 'réel'}.`,
  webhookNoKey: 'Webhook reçu mais aucune clé Stripe n’est configurée (STRIPE_SECRET_KEY) : lancez l’installation.',
  webhookStripeDown: (id: string, detail: string) =>
    `Événement ${id} reçu, Stripe injoignable pour le vérifier (${detail}) : la tâche de rattrapage le reprendra.`,
  lockBusy: (id: string) =>
    `Événement ${id} reçu pendant un autre traitement : il reste « reçu » et sera traité dans la minute (sinon par la tâche de rattrapage, dans les 10 minutes).`,
  // Processing
  eventAbandoned: (id: string, error: string) => `Événement ${id} abandonné : Stripe ne le conserve que 30 jours. Dernière erreur : ${error}`,
  eventHeld: (subject: string) => `En attente du paiement ${subject} (l’événement de paiement n’est pas encore arrivé).`,
  abandonedMailSubject: (id: string) => `Carnet : l’événement Stripe ${id} n’a pas pu être traité`,
  abandonedMailBody: (id: string, type: string, error: string) =>
    `Bonjour,\n\nCarnet a essayé pendant 30 jours de traiter l’événement Stripe ${id} (${type}) sans y parvenir, et Stripe ne le conserve plus.\n\nDernière erreur : ${error}\n\nSaisissez ce paiement à la main, ou retrouvez-le dans le tableau de bord Stripe.\n\nCarnet`,
  paymentPending: (email: string, amount: string) => `Paiement de ${amount} de ${email} en cours de validation (prélèvement) : aucun crédit pour l’instant.`,
  paymentFailed: (email: string, session: string) => `Le paiement différé de ${email} a échoué (${session}) : aucun crédit accordé.`,
  paymentExpired: (session: string) => `La session de paiement ${session} a expiré sans paiement.`,
  refundRecorded: (amount: string, email: string, credits: number) => `Remboursement de ${amount} à ${email} : ${credits} crédit(s) non utilisé(s) retiré(s).`,
  disputeOpened: (amount: string, email: string, due: string) => `LITIGE ouvert par ${email} sur ${amount} : répondez dans Stripe avant le ${due}.`,
  disputeMailSubject: (email: string) => `Carnet : litige Stripe ouvert par ${email}`,
  disputeMailBody: (email: string, amount: string, due: string, reason: string) =>
    `Bonjour,\n\n${email} a contesté un paiement de ${amount} auprès de sa banque (motif : ${reason}).\nRépondez dans le tableau de bord Stripe avant le ${due}, sans quoi le montant sera perdu.\nLe client est signalé dans l’onglet Clients.\n\nCarnet`,
  profileKept: (email: string, session: string, differences: string) =>
    `Paiement ${session} fait avec l’adresse de ${email} mais une autre identité : la fiche client n’est pas modifiée (la facture porte l’identité du paiement). ${differences}.`,
  profileDifference: (field: string, stored: string, offered: string) => `${field} : « ${offered} » au lieu de « ${stored} »`,
  journalNotInOrder:
    'Journal : les anciennes lignes ne sont pas archivées car l’onglet n’est plus dans l’ordre des dates. Triez-le par la colonne Date, de la plus ancienne à la plus récente (Données > Trier la feuille), et Carnet archivera demain.',
  journalArchived: (rows: number, url: string) => `Journal : ${rows} lignes anciennes archivées dans Drive (${url}).`,
  cellsNearLimitSubject: 'Carnet : le classeur approche de la limite de Google Sheets',
  cellsNearLimit: (percent: number) =>
    `Le classeur utilise ${percent} % des 10 millions de cellules que Google Sheets permet (toutes les cellules de chaque onglet comptent, même vides). Supprimez les lignes et colonnes vides des onglets que vous avez ajoutés, ou archivez les anciennes années dans une copie du classeur.`,
  lotsRepaired: (email: string) => `Solde de ${email} modifié à la main : Carnet l’a pris en compte (ajustement sans date d’expiration).`,
  setupSummary: {
    createdTabs: (tabs: string) => `Onglets créés : ${tabs}.`,
    allTabs: 'Tous les onglets sont présents.',
    addedHeaders: (tab: string, headers: string) => `Colonnes ajoutées à ${tab} : ${headers}.`,
    addedSettings: (n: number) => `Paramètres ajoutés : ${n} (à compléter dans l’onglet Paramètres).`,
    installedTriggers: (n: number) => `Tâches automatiques installées : ${n}.`,
    key: {
      ok: 'Clé Stripe : valide.',
      missing: 'Clé Stripe : absente. Ajoutez la propriété de script STRIPE_SECRET_KEY (Paramètres du projet > Propriétés du script).',
      invalid: 'Clé Stripe : format invalide (sk_live_…, sk_test_…, rk_live_… ou rk_test_… attendu).',
    },
    keyRefused: (message: string) => `Clé Stripe refusée par Stripe : ${message}`,
    webhookUrl: (url: string) => `URL du webhook à coller dans Stripe :\n${url}`,
    deployFirst:
      'Carnet ne connaît pas encore l’adresse de son application web : déployez-la (Déployer > Nouveau déploiement), puis collez son adresse en /exec dans Carnet > Configuration (ou ouvrez-la une fois dans le navigateur) et relancez l’installation pour obtenir l’URL du webhook.',
  },
  duplicateRow: (row: number) => `Doublon de la ligne ${row}`,
  disputeCell: (id: string, amount: string, due: string) => `${id} : ${amount}, réponse avant le ${due}`,
  walReplayed: 'Une exécution interrompue a été terminée (écritures reprises là où elles s’étaient arrêtées).',
  planQuarantinedSubject: 'Carnet : une opération interrompue a été mise de côté',
  planQuarantined: (cause: string, event: string, tries: number, url: string) =>
    `L’opération ${cause}, interrompue, a échoué ${tries} fois à la reprise : elle est mise de côté${url ? ` (${url})` : ''} pour que les paiements et réservations suivants soient traités. Elle a pu écrire une partie de ses lignes (Clients, Crédits, Paiements, Factures) : vérifiez-les, et les colonnes renommées ou supprimées.${
      event
        ? ` L’événement Stripe ${event} est « mis de côté » dans Événements et ne sera plus traité tout seul : si rien n’a été écrit, remettez « reçu » dans sa colonne Statut pour qu’il soit repris ; sinon complétez à la main et mettez « traité ».`
        : ''
    }`,
  pollDone: (found: number, applied: number) => `Rattrapage Stripe : ${found} événement(s) vu(s), ${applied} traité(s).`,
  pollStripeError: (detail: string) => `Rattrapage Stripe impossible pour l’instant : ${detail}`,
  settingsProblem: (problem: string) => `Paramètres : ${problem}`,
  missingTab: (tab: string) => `L’onglet « ${tab} » est introuvable : lancez Carnet > Installer / vérifier.`,
  missingHeader: (tab: string, header: string) => `Onglet « ${tab} » : la colonne « ${header} » est introuvable (ligne 1). Rétablissez son titre exact.`,
  // Purchases
  purchaseNoEmail: (session: string) =>
    `La session ${session} n’a pas d’adresse e-mail : impossible d’identifier le client. Retrouvez-le dans Stripe et enregistrez le paiement à la main.`,
  purchaseCurrency: (session: string, got: string, expected: string) =>
    `Paiement ${session} en ${got || '(devise absente)'} alors que Carnet attend des paiements en ${expected} : vérifiez le prix dans Stripe.`,
  purchaseEmpty: (session: string) => `La session ${session} ne contient aucun article : rien à livrer.`,
  purchaseFreeLine: 'Montant libre',
  purchasePriceRef: (id: string) => `le prix ${id}`,
  purchaseProductRef: (id: string) => `le produit ${id}`,
  purchaseItemRef: (description: string) => `l'article « ${description} »`,
  purchaseUnknownProduct: (what: string) =>
    `Produit inconnu pour ${what} : ajoutez-le à l’onglet Produits (colonne Stripe). Le paiement sera alors enregistré automatiquement.`,
  purchaseBadQuantity: (session: string, quantity: string) => `Quantité ${quantity} invalide dans la session ${session}.`,
  // Amounts paid compared with the catalogue (issue 15, point 5)
  purchaseOtherPrice: (price: string, cents: number, product: string, name: string, catalogueCents: number) =>
    `Prix non prévu au catalogue : le client a payé le prix ${price} (${formatEuros(cents)}) du produit ${product}, alors que la ligne « ${name} » de l’onglet Produits est à ${formatEuros(catalogueCents)}. Carnet ne vend pas ce produit à un autre prix sans votre accord : ajoutez ${price} dans la colonne Stripe de la ligne qui le vend (celle-ci, ou une nouvelle ligne avec ses propres crédits). Le paiement sera alors enregistré automatiquement.`,
  paymentOffCatalogue: (email: string, session: string, lines: string) =>
    `Montant différent du catalogue pour le paiement de ${email} (session ${session}) : ${lines}. Les crédits et accès du produit ont été accordés ; la facture montre la remise.`,
  offCatalogueLine: (product: string, paidCents: number, catalogueCents: number, discountCents: number, discount: string) =>
    `${product} payé ${formatEuros(paidCents)} au lieu de ${formatEuros(catalogueCents)}${discountCents > 0 ? ` (remise${discount ? ` « ${discount} »` : ''} de ${formatEuros(discountCents)})` : ' (prix Stripe différent du Prix TTC)'}`,
  registerNoPayment: 'Aucun (total de 0 €)',
  motifPurchase: (product: string) => `Achat : ${product}`,
  motifRefund: 'Remboursement',
  motifAdjustment: 'Ajustement manuel du solde',
  numberingGap: (last: string) =>
    `Numérotation suspendue : le compteur indique ${last} comme dernière pièce émise, mais ${last} est introuvable dans l’onglet Factures (ligne supprimée ou modifiée ?). Rétablissez la ligne : une pièce émise ne se supprime jamais. Les paiements continuent d’être enregistrés ; leurs factures seront émises dès la correction.`,
  numberingDuplicate: (next: string) =>
    `Numérotation suspendue : le prochain numéro, ${next}, existe déjà dans l’onglet Factures (ligne ajoutée à la main ?). Corrigez la feuille pour éviter un doublon. Les paiements continuent d’être enregistrés ; leurs factures seront émises dès la correction.`,
  invoiceNotIssued: (email: string, problem: string) => `Facture non émise pour le paiement de ${email} : ${problem}`,
  invoiceIssued: (number: string, email: string) => `${number} émise pour ${email}.`,
  invoiceUnnumbered: '(sans numéro)',
  invoiceRenderFailed: (number: string, problem: string) =>
    `${number} : PDF non généré (${problem}). Nouvel essai automatique après correction, avec le même numéro.`,
  invoiceSendFailed: (number: string, problem: string) => `${number} : e-mail non envoyé (${problem}). Nouvel essai automatique.`,
  invoiceSent: (number: string, email: string) => `${number} envoyée à ${email}.`,
  invoiceAlertSubject: 'Carnet : émission des factures suspendue',
  templateMissing:
    'Le modèle de facture est introuvable (paramètre « Modèle de facture ») : relancez l’installation pour en recréer un, ou indiquez l’identifiant de votre document.',
  templateBroken: (what: string) => `Le modèle de facture est inutilisable : ${what}.`,
  templateUnfilled: (names: string) => `le modèle contient des champs inconnus : ${names}`,
  templateNoLineRow: (mark: string) => `pas de ligne modèle contenant ${mark} dans un tableau`,
  folderMissing: 'Le dossier Drive de Carnet est introuvable (paramètre « Dossier Drive ») : relancez l’installation.',
  quotaExhausted: 'quota d’e-mails du jour épuisé',
  templateLabels: {
    documentName: 'Carnet — modèle de facture',
    number: 'N°',
    siret: 'SIRET :',
    vatNumber: 'N° TVA :',
    client: 'FACTURÉ À',
    clientVat: 'N° TVA :',
    clientSiren: 'SIREN :',
    issueDate: 'Date d’émission :',
    saleDate: 'Date de la vente :',
    columns: ['Désignation', 'Qté', 'Prix unit. HT', 'TVA', 'Total HT'],
    totalHt: 'Total HT',
    totalVat: 'TVA',
    totalTtc: 'Total TTC',
  },
  creditNoteWithoutInvoice: (number: string) =>
    `Remboursement d’un paiement sans facture émise (${number}) : l’avoir sera émis quand la facture le sera (voir l’onglet Journal).`,
  creditNoteLine: (invoice: string) => `Remboursement partiel sur la facture ${invoice}`,
  busy: 'Carnet est occupé par un autre traitement : réessayez dans une minute.',
  periodInvalid: 'Période invalide : indiquez deux dates AAAA-MM-JJ, la première avant la seconde.',
  monthInvalid: 'Mois invalide : indiquez-le sous la forme AAAA-MM (ex. 2027-09).',
  documentUnknown: (number: string) => `Aucune pièce ${number} dans l’onglet Factures.`,
  documentNotReady: (number: string) => `${number} n’a pas encore de PDF : il sera généré au prochain passage de Carnet.`,
  invoiceWord: 'Facture',
  creditNoteWord: 'Avoir',
  invoiceSendUncertain: (number: string) =>
    `${number} : une exécution s’est interrompue pendant l’envoi de l’e-mail. Pour ne jamais l’envoyer deux fois, Carnet ne le renvoie pas : vérifiez avec le client et utilisez « Renvoyer la facture » si besoin.`,
  setupDone: 'Installation vérifiée.',
  legalNameMigrated: (name: string) =>
    `Paramètres : « ${name} » a été recopié de « Nom commercial » vers le nouveau paramètre « Prénom et nom », qui porte la mention EI sur les factures. Vérifiez qu’il contient bien votre prénom et votre nom ; laissez dans « Nom commercial » votre nom commercial, s’il y en a un, ou videz-le.`,
  dateAtTime: (date: string, time: string) => `${date} à ${time}`,
  // Stripe outcomes, fixable failures, access withdrawn (issue 11)
  eventFailedOnce: (id: string, error: string) =>
    `Événement ${id} en échec : ${error} Carnet le réessaie seul, et dans les 10 minutes qui suivent une modification de Produits ou Paramètres.`,
  failureMailSubject: 'Carnet : un événement Stripe attend une correction',
  failureMailBody: (id: string, type: string, error: string) =>
    `Bonjour,\n\nCarnet n’a pas pu traiter l’événement Stripe ${id} (${type}) :\n${error}\n\nCorrigez la cause dans l’onglet Produits ou Paramètres : Carnet réessaie dans les 10 minutes qui suivent votre modification, puis régulièrement pendant 30 jours. Vous ne recevrez pas d’autre e-mail pour cette cause, seulement un rappel par jour tant qu’elle dure.\n\nCarnet`,
  failureReminderSubject: (count: number) => `Carnet : ${count} événement(s) Stripe attendent toujours une correction`,
  failureReminderBody: (causes: string) =>
    `Bonjour,\n\nCes événements Stripe attendent toujours une correction (onglet Événements, statut « en échec ») :\n\n${causes}\n\nDès la cause corrigée dans Produits ou Paramètres, Carnet les traite dans les 10 minutes.\n\nCarnet`,
  failureCauseLine: (count: number, error: string) => `- ${count} événement(s) : ${error}`,
  refundFailed: (refund: string, amount: string, email: string, number: string, credits: number) =>
    `Le remboursement ${refund} de ${amount} à ${email} a échoué : l’avoir est annulé par la facture ${number}, ${credits} crédit(s) rendu(s).`,
  refundFailedLine: (creditNote: string) => `Annulation de l’avoir ${creditNote} (remboursement échoué)`,
  refundFailedMailSubject: (email: string) => `Carnet : un remboursement à ${email} a échoué`,
  /** Stripe's `failure_reason` of a refund (docs.stripe.com/api/refunds/object), or `canceled`, in words; an unknown code as is. */
  refundFailureReason: (code: string) =>
    wordsFor(code, {
      charge_for_pending_refund_disputed: 'un litige a été ouvert sur le paiement pendant le remboursement',
      declined: 'refusé par la banque du client',
      expired_or_canceled_card: 'carte du client expirée ou annulée',
      insufficient_funds: 'fonds insuffisants',
      lost_or_stolen_card: 'carte du client déclarée perdue ou volée',
      merchant_request: 'annulé à votre demande',
      canceled: 'remboursement annulé',
      unknown: 'cause non précisée par Stripe',
    }),
  refundFailedMailBody: (email: string, amount: string, reason: string, number: string) =>
    `Bonjour,\n\nLe remboursement de ${amount} à ${email} a échoué (motif : ${reason}). L’argent est resté sur votre compte Stripe.\nCarnet a annulé l’avoir par la facture ${number} et rendu les crédits retirés. Contactez le client pour le rembourser autrement.\n\nCarnet`,
  disputeClosedWon: (amount: string, email: string) => `Litige gagné (${email}) : Stripe restitue ${amount}. L’alerte est close.`,
  disputeClosedWarning: (email: string) => `Demande de renseignements de la banque de ${email} close sans litige. L’alerte est close.`,
  disputeClosedLost: (amount: string, email: string, credits: number) =>
    `Litige perdu (${email}) : ${amount} repris par la banque, inscrit au livre des recettes ; ${credits} crédit(s) non utilisé(s) retiré(s).`,
  disputeLostNature: (invoice: string) => `Litige perdu (${invoice})`,
  disputeLostMotif: 'Litige perdu',
  disputeClosedCell: (id: string, outcome: string) => `${id} : ${outcome}`,
  disputeOutcomeWon: 'gagné',
  disputeOutcomeLost: 'perdu',
  disputeOutcomeWarningClosed: 'clos sans litige',
  disputeClosedMailSubject: (email: string, outcome: string) => `Carnet : litige de ${email} ${outcome}`,
  inquiryClosedMailSubject: (email: string) => `Carnet : demande de la banque de ${email} close`,
  disputeFundsWithdrawn: (amount: string, email: string, id: string) =>
    `Stripe a retenu ${amount} sur votre solde (litige ${id}, ${email}) en attendant la décision de la banque.`,
  disputeFundsReinstated: (amount: string, email: string, id: string) => `Stripe a rendu ${amount} à votre solde (litige ${id}, ${email}).`,
  accessWithdrawn: (email: string, what: string) => `Remboursement total de ${email} : accès retirés (${what}).`,
  accessKept: (email: string) => `Remboursement partiel de ${email} : les liens de téléchargement et les accès aux formations sont conservés.`,
  accessDriveRefused: (email: string, file: string, error: string) =>
    `Accès de ${email} au fichier ${file} non retiré (${error}) : retirez-le dans Google Drive.`,
  // Outbox (`Envois`): every e-mail except invoices waits there until it is sent.
  digestSubject: (first: string, others: number) => `${first} (+ ${others} autre${others > 1 ? 's' : ''} alerte${others > 1 ? 's' : ''})`,
  digestIntro: (count: number) => `${count} points demandent votre attention (ils sont aussi dans le Journal) :`,
  mailUncertain: 'Envoi interrompu : cet e-mail est peut-être parti. Vérifiez auprès du destinataire ; pour l’envoyer, remettez « à envoyer » dans Statut.',
  mailsUncertain: (count: number) =>
    `${count} e-mail${count > 1 ? 's' : ''} de l’onglet Envois ${count > 1 ? 'ont' : 'a'} été interrompu${count > 1 ? 's' : ''} pendant l’envoi (statut « envoi incertain ») : vérifiez auprès du destinataire avant de renvoyer.`,
  mailRefused: (to: string, subject: string, detail: string) =>
    `E-mail non envoyé à ${to} (« ${subject} ») : ${detail}. Corrigez l’adresse dans Envois et remettez « à envoyer ».`,
  mailDelayed: (to: string, subject: string, detail: string) =>
    `E-mail à ${to} (« ${subject} ») pas encore envoyé : ${detail}. Carnet réessaie toutes les 10 minutes.`,
  mailsWaitingForQuota: (count: number) =>
    `${count} e-mail${count > 1 ? 's attendent' : ' attend'} le quota d’envoi du jour (100 destinataires par jour sur un compte Gmail) : ${count > 1 ? 'ils partiront' : 'il partira'} dès qu’il sera rétabli, factures et alertes d’abord (onglet Envois).`,
};

export type Messages = typeof fr;

const en: Messages = {
  menuTitle: 'Carnet',
  menuSetup: 'Install / check',
  menuPoll: 'Catch up Stripe payments',
  menuProductLinks: 'Create the products’ payment links',
  levelInfo: 'info',
  levelWarning: 'warning',
  levelError: 'error',
  webhookBadToken: 'Webhook refused: token missing or wrong in the URL.',
  webhookBadTokenBurst: (silenced) =>
    `Webhook refused: token missing or wrong in the URL (and ${silenced} other refusal${silenced > 1 ? 's' : ''} over the last hour, counted but not logged one by one).`,
  webhookBadBody: 'Webhook refused: the body is not a readable Stripe event (JSON expected).',
  webhookNoId: 'Webhook refused: the event has no evt_… id.',
  webhookUnknownEvent: (id) => `Webhook refused: Stripe does not know event ${id} (forged event, or another account's key).`,
  webhookWrongMode: (id, eventLive) =>
    `Webhook refused: event ${id} is in ${eventLive ? 'live' : 'test'} mode but the Stripe key is a ${eventLive ? 'test' : 'live'} key.`,
  webhookNoKey: 'Webhook received but no Stripe key is configured (STRIPE_SECRET_KEY): run the setup.',
  webhookStripeDown: (id, detail) => `Event ${id} received, Stripe unreachable to verify it (${detail}): the catch-up job will take it.`,
  lockBusy: (id) =>
    `Event ${id} received during another run: it stays "received" and will be processed within a minute (else by the catch-up job, within 10 minutes).`,
  eventAbandoned: (id, error) => `Event ${id} abandoned: Stripe keeps events only 30 days. Last error: ${error}`,
  eventHeld: (subject) => `Waiting for payment ${subject} (its payment event has not arrived yet).`,
  abandonedMailSubject: (id) => `Carnet: Stripe event ${id} could not be processed`,
  abandonedMailBody: (id, type, error) =>
    `Hello,\n\nCarnet tried for 30 days to process Stripe event ${id} (${type}) without success, and Stripe no longer keeps it.\n\nLast error: ${error}\n\nEnter this payment by hand, or find it in the Stripe Dashboard.\n\nCarnet`,
  paymentPending: (email, amount) => `Payment of ${amount} from ${email} is being confirmed (debit): no credit yet.`,
  paymentFailed: (email, session) => `The delayed payment of ${email} failed (${session}): no credit granted.`,
  paymentExpired: (session) => `Checkout session ${session} expired unpaid.`,
  refundRecorded: (amount, email, credits) => `Refund of ${amount} to ${email}: ${credits} unused credit(s) removed.`,
  disputeOpened: (amount, email, due) => `DISPUTE opened by ${email} on ${amount}: answer in Stripe before ${due}.`,
  disputeMailSubject: (email) => `Carnet: Stripe dispute opened by ${email}`,
  disputeMailBody: (email, amount, due, reason) =>
    `Hello,\n\n${email} disputed a payment of ${amount} with their bank (reason: ${reason}).\nAnswer in the Stripe dashboard before ${due}, or the amount is lost.\nThe client is flagged in the Clients tab.\n\nCarnet`,
  profileKept: (email, session, differences) =>
    `Payment ${session} made with ${email}'s address but another identity: the client's record is unchanged (the invoice shows the payment's identity). ${differences}.`,
  profileDifference: (field, stored, offered) => `${field}: "${offered}" instead of "${stored}"`,
  journalNotInOrder:
    'Journal: old rows are not archived because the tab is no longer in date order. Sort it by the Date column, oldest first (Data > Sort sheet), and Carnet will archive tomorrow.',
  journalArchived: (rows, url) => `Journal: ${rows} old rows archived to Drive (${url}).`,
  cellsNearLimitSubject: 'Carnet: the spreadsheet is nearing Google Sheets’ limit',
  cellsNearLimit: (percent) =>
    `The spreadsheet uses ${percent}% of the 10 million cells Google Sheets allows (every cell of every tab counts, even empty ones). Delete the empty rows and columns of the tabs you added, or archive past years in a copy of the spreadsheet.`,
  lotsRepaired: (email) => `Balance of ${email} edited by hand: Carnet took it into account (adjustment without expiry).`,
  setupSummary: {
    createdTabs: (tabs) => `Tabs created: ${tabs}.`,
    allTabs: 'Every tab is there.',
    addedHeaders: (tab, headers) => `Columns added to ${tab}: ${headers}.`,
    addedSettings: (n) => `Settings added: ${n} (to fill in the Paramètres tab).`,
    installedTriggers: (n) => `Automatic jobs installed: ${n}.`,
    key: {
      ok: 'Stripe key: valid.',
      missing: 'Stripe key: missing. Add the script property STRIPE_SECRET_KEY (Project Settings > Script Properties).',
      invalid: 'Stripe key: invalid format (sk_live_…, sk_test_…, rk_live_… or rk_test_… expected).',
    },
    keyRefused: (message) => `Stripe key refused by Stripe: ${message}`,
    webhookUrl: (url) => `Webhook URL to paste in Stripe:\n${url}`,
    deployFirst:
      'Carnet does not know its web app’s address yet: deploy it (Deploy > New deployment), then paste its /exec address in Carnet > Configuration (or open it once in the browser) and run the setup again to get the webhook URL.',
  },
  duplicateRow: (row) => `Duplicate of row ${row}`,
  disputeCell: (id, amount, due) => `${id}: ${amount}, answer before ${due}`,
  walReplayed: 'An interrupted run was completed (writes resumed where they stopped).',
  planQuarantinedSubject: 'Carnet: an interrupted operation was set aside',
  planQuarantined: (cause, event, tries, url) =>
    `Interrupted operation ${cause} failed ${tries} times when resumed: it is set aside${url ? ` (${url})` : ''} so that the next payments and bookings are processed. It may have written some of its rows (Clients, Credits, Payments, Invoices): check them, and any renamed or deleted column.${
      event
        ? ` Stripe event ${event} is "mis de côté" in Événements and will not be processed on its own again: if nothing was written, type « reçu » back in its Statut column to have it processed; otherwise complete by hand and type « traité ».`
        : ''
    }`,
  pollDone: (found, applied) => `Stripe catch-up: ${found} event(s) seen, ${applied} processed.`,
  pollStripeError: (detail) => `Stripe catch-up not possible for now: ${detail}`,
  settingsProblem: (problem) => `Settings: ${problem}`,
  missingTab: (tab) => `Tab "${tab}" not found: run Carnet > Install / check.`,
  missingHeader: (tab, header) => `Tab "${tab}": column "${header}" not found (row 1). Restore its exact title.`,
  purchaseNoEmail: (session) =>
    `Session ${session} has no e-mail address: the client cannot be identified. Find them in Stripe and record the payment by hand.`,
  purchaseCurrency: (session, got, expected) => `Payment ${session} in ${got || '(no currency)'} while Carnet expects ${expected}: check the price in Stripe.`,
  purchaseEmpty: (session) => `Session ${session} has no line item: nothing to deliver.`,
  purchaseFreeLine: 'Free amount',
  purchasePriceRef: (id) => `price ${id}`,
  purchaseProductRef: (id) => `product ${id}`,
  purchaseItemRef: (description) => `the item "${description}"`,
  purchaseUnknownProduct: (what) => `Unknown product for ${what}: add it to the Produits tab (Stripe column). The payment will then be recorded automatically.`,
  purchaseBadQuantity: (session, quantity) => `Invalid quantity ${quantity} in session ${session}.`,
  purchaseOtherPrice: (price, cents, product, name, catalogueCents) =>
    `Price not in the catalogue: the client paid price ${price} (${formatEuros(cents, 'en')}) of product ${product}, while the row "${name}" of the Produits tab is at ${formatEuros(catalogueCents, 'en')}. Carnet does not sell this product at another price without your consent: add ${price} to the Stripe column of the row that sells it (this one, or a new row with its own credits). The payment will then be recorded automatically.`,
  paymentOffCatalogue: (email, session, lines) =>
    `Amount different from the catalogue for the payment of ${email} (session ${session}): ${lines}. The product's credits and access were granted; the invoice shows the discount.`,
  offCatalogueLine: (product, paidCents, catalogueCents, discountCents, discount) =>
    `${product} paid ${formatEuros(paidCents, 'en')} instead of ${formatEuros(catalogueCents, 'en')}${discountCents > 0 ? ` (discount${discount ? ` "${discount}"` : ''} of ${formatEuros(discountCents, 'en')})` : ' (Stripe price different from Prix TTC)'}`,
  registerNoPayment: 'None (total of €0)',
  motifPurchase: (product) => `Purchase: ${product}`,
  motifRefund: 'Refund',
  motifAdjustment: 'Manual balance adjustment',
  numberingGap: (last) =>
    `Numbering stopped: the counter says ${last} was the last document issued, but ${last} is not in the Factures tab (row deleted or edited?). Restore the row: an issued document is never deleted. Payments are still recorded; their invoices will be issued once fixed.`,
  numberingDuplicate: (next) =>
    `Numbering stopped: the next number, ${next}, already exists in the Factures tab (row added by hand?). Fix the sheet to avoid a duplicate. Payments are still recorded; their invoices will be issued once fixed.`,
  invoiceNotIssued: (email, problem) => `Invoice not issued for the payment of ${email}: ${problem}`,
  invoiceIssued: (number, email) => `${number} issued for ${email}.`,
  invoiceUnnumbered: '(no number)',
  invoiceRenderFailed: (number, problem) => `${number}: PDF not generated (${problem}). Retried automatically once fixed, with the same number.`,
  invoiceSendFailed: (number, problem) => `${number}: e-mail not sent (${problem}). Retried automatically.`,
  invoiceSent: (number, email) => `${number} sent to ${email}.`,
  invoiceAlertSubject: 'Carnet: invoicing stopped',
  templateMissing: 'The invoice template cannot be found (setting « Modèle de facture »): run the setup again to recreate one, or enter your document id.',
  templateBroken: (what) => `The invoice template cannot be used: ${what}.`,
  templateUnfilled: (names) => `the template holds unknown fields: ${names}`,
  templateNoLineRow: (mark) => `no model row holding ${mark} in a table`,
  folderMissing: 'Carnet’s Drive folder cannot be found (setting « Dossier Drive »): run the setup again.',
  quotaExhausted: 'daily e-mail quota used up',
  templateLabels: {
    documentName: 'Carnet — invoice template',
    number: 'No.',
    siret: 'SIRET:',
    vatNumber: 'VAT no.:',
    client: 'BILLED TO',
    clientVat: 'VAT no.:',
    clientSiren: 'SIREN:',
    issueDate: 'Issue date:',
    saleDate: 'Date of sale:',
    columns: ['Description', 'Qty', 'Unit price excl. VAT', 'VAT', 'Total excl. VAT'],
    totalHt: 'Total excl. VAT',
    totalVat: 'VAT',
    totalTtc: 'Total incl. VAT',
  },
  creditNoteWithoutInvoice: (number) =>
    `Refund of a payment whose invoice is not issued (${number}): the credit note will follow the invoice (see the Journal tab).`,
  creditNoteLine: (invoice) => `Partial refund on invoice ${invoice}`,
  busy: 'Carnet is busy with another run: try again in a minute.',
  periodInvalid: 'Invalid period: give two YYYY-MM-DD dates, the first before the second.',
  monthInvalid: 'Invalid month: write it as YYYY-MM (e.g. 2027-09).',
  documentUnknown: (number) => `No document ${number} in the Factures tab.`,
  documentNotReady: (number) => `${number} has no PDF yet: it will be generated on Carnet's next run.`,
  invoiceWord: 'Invoice',
  creditNoteWord: 'Credit note',
  invoiceSendUncertain: (number) =>
    `${number}: a run stopped while sending the e-mail. So as never to send it twice, Carnet does not resend it: check with the client and use « Resend invoice » if needed.`,
  setupDone: 'Setup checked.',
  legalNameMigrated: (name) =>
    `Settings: “${name}” was copied from « Nom commercial » to the new setting « Prénom et nom », which carries the EI mention on invoices. Check that it holds your first and last name; keep your trade name, if any, in « Nom commercial », or empty it.`,
  dateAtTime: (date, time) => `${date} at ${time}`,
  // Stripe outcomes, fixable failures, access withdrawn (issue 11)
  eventFailedOnce: (id, error) => `Event ${id} failed: ${error} Carnet retries it on its own, and within 10 minutes of an edit of Produits or Paramètres.`,
  failureMailSubject: 'Carnet: a Stripe event needs a fix',
  failureMailBody: (id, type, error) =>
    `Hello,\n\nCarnet could not process Stripe event ${id} (${type}):\n${error}\n\nFix the cause in the Produits or Paramètres tab: Carnet retries within 10 minutes of your edit, then regularly for 30 days. You will get no other e-mail for this cause, only one reminder a day while it lasts.\n\nCarnet`,
  failureReminderSubject: (count) => `Carnet: ${count} Stripe event(s) still need a fix`,
  failureReminderBody: (causes) =>
    `Hello,\n\nThese Stripe events still need a fix (Événements tab, status "en échec"):\n\n${causes}\n\nOnce the cause is fixed in Produits or Paramètres, Carnet processes them within 10 minutes.\n\nCarnet`,
  failureCauseLine: (count, error) => `- ${count} event(s): ${error}`,
  refundFailed: (refund, amount, email, number, credits) =>
    `Refund ${refund} of ${amount} to ${email} failed: the credit note is cancelled by invoice ${number}, ${credits} credit(s) given back.`,
  refundFailedLine: (creditNote) => `Cancellation of credit note ${creditNote} (refund failed)`,
  refundFailedMailSubject: (email) => `Carnet: a refund to ${email} failed`,
  refundFailureReason: (code) =>
    wordsFor(code, {
      charge_for_pending_refund_disputed: 'a dispute was opened on the payment during the refund',
      declined: "refused by the client's bank",
      expired_or_canceled_card: "the client's card expired or was cancelled",
      insufficient_funds: 'insufficient funds',
      lost_or_stolen_card: "the client's card was reported lost or stolen",
      merchant_request: 'cancelled at your request',
      canceled: 'the refund was cancelled',
      unknown: 'cause not given by Stripe',
    }),
  refundFailedMailBody: (email, amount, reason, number) =>
    `Hello,\n\nThe refund of ${amount} to ${email} failed (reason: ${reason}). The money stayed in your Stripe account.\nCarnet cancelled the credit note with invoice ${number} and gave back the credits taken. Contact the client to refund them another way.\n\nCarnet`,
  disputeClosedWon: (amount, email) => `Dispute won (${email}): Stripe returns ${amount}. The alert is closed.`,
  disputeClosedWarning: (email) => `The inquiry of ${email}'s bank closed without a dispute. The alert is closed.`,
  disputeClosedLost: (amount, email, credits) =>
    `Dispute lost (${email}): ${amount} taken back by the bank, entered in the receipts register; ${credits} unused credit(s) removed.`,
  disputeLostNature: (invoice) => `Dispute lost (${invoice})`,
  disputeLostMotif: 'Dispute lost',
  disputeClosedCell: (id, outcome) => `${id}: ${outcome}`,
  disputeOutcomeWon: 'won',
  disputeOutcomeLost: 'lost',
  disputeOutcomeWarningClosed: 'closed without dispute',
  disputeClosedMailSubject: (email, outcome) => `Carnet: dispute by ${email} ${outcome}`,
  inquiryClosedMailSubject: (email) => `Carnet: inquiry from ${email}'s bank closed`,
  disputeFundsWithdrawn: (amount, email, id) => `Stripe withheld ${amount} from your balance (dispute ${id}, ${email}) until the bank decides.`,
  disputeFundsReinstated: (amount, email, id) => `Stripe returned ${amount} to your balance (dispute ${id}, ${email}).`,
  accessWithdrawn: (email, what) => `Full refund of ${email}: access withdrawn (${what}).`,
  accessKept: (email) => `Partial refund of ${email}: download links and training access are kept.`,
  accessDriveRefused: (email, file, error) => `Access of ${email} to file ${file} not removed (${error}): remove it in Google Drive.`,
  digestSubject: (first, others) => `${first} (+ ${others} more alert${others > 1 ? 's' : ''})`,
  digestIntro: (count) => `${count} things need your attention (they are in the Journal too):`,
  mailUncertain: 'Sending was cut off: this e-mail may have left. Check with the recipient; to send it, set Statut back to « à envoyer ».',
  mailsUncertain: (count) =>
    `${count} e-mail${count > 1 ? 's' : ''} of the Envois tab ${count > 1 ? 'were' : 'was'} cut off while sending (status « envoi incertain »): check with the recipient before sending again.`,
  mailRefused: (to, subject, detail) =>
    `E-mail not sent to ${to} ("${subject}"): ${detail}. Correct the address in Envois and set Statut back to « à envoyer ».`,
  mailDelayed: (to, subject, detail) => `E-mail to ${to} ("${subject}") not sent yet: ${detail}. Carnet tries again every 10 minutes.`,
  mailsWaitingForQuota: (count) =>
    `${count} e-mail${count > 1 ? 's are' : ' is'} waiting for the daily sending quota (100 recipients a day on a Gmail account): ${count > 1 ? 'they' : 'it'} will leave as soon as it is back, invoices and alerts first (Envois tab).`,
};

export function messages(locale: Locale): Messages {
  return locale === 'en' ? en : fr;
}
