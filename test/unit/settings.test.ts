import type { CellValue } from '../../src/domain/schema';
import { SETTINGS, parseSettings, senderName, settingLabel, type SettingKey } from '../../src/domain/settings';

function parse(rows: Record<string, CellValue>) {
  return parseSettings(new Map(Object.entries(rows)));
}

describe('parseSettings: defaults', () => {
  it('uses the defaults when the tab is empty, without any problem', () => {
    const { settings, problems } = parse({});
    expect(problems).toEqual([]);
    // The invoicing and payment defaults; other capabilities test their own.
    expect(settings).toMatchObject({
      businessName: '',
      businessAddress: '',
      siret: '',
      businessEmail: '',
      businessPhone: '',
      adminEmail: '',
      locale: 'fr',
      currency: 'eur',
      vatMode: 'franchise',
      defaultVatRate: 20,
      invoicePrefix: 'F',
      creditNotePrefix: 'A',
      numberDigits: 4,
      yearlyNumbering: true,
      latePenaltyRate: "3 fois le taux d'intérêt légal",
      bookingLink: '',
      shopLink: '',
      folderId: '',
      invoiceTemplateId: '',
      requestValidityHours: 24,
      reminderAfterHours: 1,
      secondReminderAfterHours: null,
    });
  });

  it('reads the defaults that setup() writes as they are', () => {
    const written = new Map<string, CellValue>((Object.keys(SETTINGS) as SettingKey[]).map((k) => [SETTINGS[k].label, SETTINGS[k].default]));
    expect(parseSettings(written)).toEqual(parse({}));
  });

  it('gives each setting its own label and some help for the admin', () => {
    const labels = (Object.keys(SETTINGS) as SettingKey[]).map((k) => SETTINGS[k].label);
    expect(new Set(labels).size).toBe(labels.length);
    for (const k of Object.keys(SETTINGS) as SettingKey[]) expect(SETTINGS[k].help.length).toBeGreaterThan(0);
  });

  it('uses the default for a cell left empty', () => {
    const { settings, problems } = parse({ 'Chiffres du numéro': '', 'Numérotation annuelle': ' ', Langue: '', 'Régime de TVA': '' });
    expect(problems).toEqual([]);
    expect(settings.numberDigits).toBe(4);
    expect(settings.yearlyNumbering).toBe(true);
    expect(settings.locale).toBe('fr');
    expect(settings.vatMode).toBe('franchise');
  });

  it('ignores rows it does not know', () => {
    const { settings, problems } = parse({ 'Couleur préférée': 'bleu', 'Nom commercial': 'Marie Dupont' });
    expect(problems).toEqual([]);
    expect(settings.businessName).toBe('Marie Dupont');
    expect(Object.keys(settings)).not.toContain('Couleur préférée');
  });
});

describe('parseSettings: values the admin typed', () => {
  it('reads text settings trimmed, numbers as text', () => {
    const { settings } = parse({
      'Nom commercial': '  Marie Dupont ',
      Adresse: '12 rue des Lilas, 69001 Lyon',
      SIRET: 12345678900012,
      'E-mail de contact': 'marie@example.fr',
      'Préfixe des factures': 'FAC',
      'Préfixe des avoirs': 'AV',
    });
    expect(settings.businessName).toBe('Marie Dupont');
    expect(settings.businessAddress).toBe('12 rue des Lilas, 69001 Lyon');
    expect(settings.siret).toBe('12345678900012');
    expect(settings.businessEmail).toBe('marie@example.fr');
    expect(settings.invoicePrefix).toBe('FAC');
    expect(settings.creditNotePrefix).toBe('AV');
  });

  // BUG: the prefixes are plain `text` settings, but src/domain/numbering.ts (checkSettings) only
  // accepts /^[A-Za-z0-9]{1,10}$/. "F-", "FAC 2026" or an emptied cell are accepted here without a
  // problem, and every invoice then fails at payment time ("Préfixe de numérotation invalide").
  test('refuses an invoice or credit-note prefix that numbering cannot use, and keeps the default', () => {
    for (const cell of ['F-', 'FAC 2026', 'F/2026', '']) {
      const { settings, problems } = parse({ 'Préfixe des factures': cell, 'Préfixe des avoirs': cell });
      expect(settings.invoicePrefix).toBe('F');
      expect(settings.creditNotePrefix).toBe('A');
      if (cell !== '') expect(problems).toHaveLength(2);
    }
  });

  it.each([
    ['en', 'en'],
    ['EN', 'en'],
    [' Fr ', 'fr'],
  ])('reads the language %p as %p', (cell, locale) => {
    expect(parse({ Langue: cell }).settings.locale).toBe(locale);
  });

  it.each([
    ['standard', 'standard'],
    ['Franchise', 'franchise'],
  ])('reads the VAT regime %p as %p', (cell, mode) => {
    expect(parse({ 'Régime de TVA': cell }).settings.vatMode).toBe(mode);
  });

  it('reads the currency whatever its case', () => {
    expect(parse({ Devise: 'EUR' }).settings.currency).toBe('eur');
  });

  it.each([
    [10, 10],
    ['10', 10],
    [' 0 ', 0],
    ['100', 100],
    ['5,0', 5],
  ])('reads the default VAT rate %p as %p', (cell, rate) => {
    const { settings, problems } = parse({ 'Taux de TVA par défaut (%)': cell });
    expect(problems).toEqual([]);
    expect(settings.defaultVatRate).toBe(rate);
  });

  // BUG: the default VAT rate is an `integer` setting (0..100), but two of France's four VAT rates
  // are decimal (5,5 % for e-books, 2,1 %) and src/domain/vat.ts accepts two decimals. "5,5" is
  // refused with « n'est pas un nombre entier » and 20 % is used instead.
  test('accepts a decimal French VAT rate as the default rate', () => {
    for (const [cell, rate] of [
      ['5,5', 5.5],
      ['2.1', 2.1],
      [5.5, 5.5],
    ] as const) {
      const { settings, problems } = parse({ 'Taux de TVA par défaut (%)': cell });
      expect(problems).toEqual([]);
      expect(settings.defaultVatRate).toBe(rate);
    }
  });

  it.each([
    [1, 1],
    ['6', 6],
    [10, 10],
  ])('reads %p digits', (cell, digits) => {
    expect(parse({ 'Chiffres du numéro': cell }).settings.numberDigits).toBe(digits);
  });

  it.each([
    ['oui', true],
    ['OUI', true],
    ['yes', true],
    ['vrai', true],
    ['true', true],
    ['1', true],
    [1, true],
    [true, true],
    ['non', false],
    [' Non ', false],
    ['no', false],
    ['faux', false],
    ['false', false],
    ['0', false],
    [0, false],
    [false, false],
  ])('reads the yearly numbering %p as %p', (cell, value) => {
    const { settings, problems } = parse({ 'Numérotation annuelle': cell });
    expect(problems).toEqual([]);
    expect(settings.yearlyNumbering).toBe(value);
  });
});

describe('parseSettings: unreadable values are reported while the default is used', () => {
  it.each(['0', 11, '4,5', 'quatre', -1])('refuses %p digits', (cell) => {
    const { settings, problems } = parse({ 'Chiffres du numéro': cell });
    expect(settings.numberDigits).toBe(4);
    expect(problems).toEqual([`Paramètre « Chiffres du numéro » : « ${String(cell)} » n'est pas un nombre entier entre 1 et 10.`]);
  });

  it.each(['101', -5, '5,555', 'vingt'])('refuses the default VAT rate %p', (cell) => {
    const { settings, problems } = parse({ 'Taux de TVA par défaut (%)': cell });
    expect(settings.defaultVatRate).toBe(20);
    expect(problems).toEqual([`Paramètre « Taux de TVA par défaut (%) » : « ${String(cell)} » n'est pas un taux entre 0 et 100 (ex. 20 ou 5,5).`]);
  });

  it('reads a rate typed with its percent sign', () => {
    expect(parse({ 'Taux de TVA par défaut (%)': '10 %' }).settings.defaultVatRate).toBe(10);
  });

  it('refuses a yes/no answer it cannot read', () => {
    const { settings, problems } = parse({ 'Numérotation annuelle': 'peut-être' });
    expect(settings.yearlyNumbering).toBe(true);
    expect(problems).toEqual(['Paramètre « Numérotation annuelle » : répondez « oui » ou « non » (lu : « peut-être »).']);
  });

  it('refuses a language it does not speak, listing the possible values', () => {
    const { settings, problems } = parse({ Langue: 'de' });
    expect(settings.locale).toBe('fr');
    expect(problems).toEqual(['Paramètre « Langue » : valeurs possibles « fr », « en » (lu : « de »).']);
  });

  it('refuses a currency other than the euro', () => {
    const { settings, problems } = parse({ Devise: 'USD' });
    expect(settings.currency).toBe('eur');
    expect(problems).toEqual(['Paramètre « Devise » : valeurs possibles « eur » (lu : « USD »).']);
  });

  it('refuses an unknown VAT regime', () => {
    const { settings, problems } = parse({ 'Régime de TVA': 'micro' });
    expect(settings.vatMode).toBe('franchise');
    expect(problems).toEqual(['Paramètre « Régime de TVA » : valeurs possibles « franchise », « standard » (lu : « micro »).']);
  });

  it('reports every unreadable value, in the order of the settings, and still reads the others', () => {
    const { settings, problems } = parse({
      'Numérotation annuelle': 'bof',
      Langue: 'es',
      'Chiffres du numéro': 'x',
      'Nom commercial': 'Marie Dupont',
      'Régime de TVA': 'standard',
    });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^Paramètre « Langue »/);
    expect(problems[1]).toMatch(/^Paramètre « Chiffres du numéro »/);
    expect(problems[2]).toMatch(/^Paramètre « Numérotation annuelle »/);
    expect(settings.businessName).toBe('Marie Dupont');
    expect(settings.vatMode).toBe('standard');
    expect(settings.locale).toBe('fr');
    expect(settings.numberDigits).toBe(4);
    expect(settings.yearlyNumbering).toBe(true);
  });
});

describe('settingLabel', () => {
  it('gives the label the admin sees in the Paramètres tab', () => {
    expect(settingLabel('vatMode')).toBe('Régime de TVA');
    expect(settingLabel('businessName')).toBe('Nom commercial');
    expect(settingLabel('numberDigits')).toBe('Chiffres du numéro');
  });
});

describe('legal name and trade name', () => {
  it('an installation from before « Prénom et nom » reads its name from « Nom commercial » until setup() adds the row', () => {
    expect(parse({ 'Nom commercial': 'Marie Dupont' }).settings.legalName).toBe('Marie Dupont');
    expect(parse({ 'Nom commercial': 'Atelier Piano', 'Prénom et nom': 'Marie Dupont' }).settings).toMatchObject({
      legalName: 'Marie Dupont',
      businessName: 'Atelier Piano',
    });
    // Once the row exists, an empty legal name stays empty: invoices then say what is missing.
    expect(parse({ 'Nom commercial': 'Atelier Piano', 'Prénom et nom': '' }).settings.legalName).toBe('');
  });

  it('e-mails are signed with the trade name, else the legal name, else "Carnet"', () => {
    expect(senderName({ businessName: 'Atelier Piano', legalName: 'Marie Dupont' })).toBe('Atelier Piano');
    expect(senderName({ businessName: '', legalName: 'Marie Dupont' })).toBe('Marie Dupont');
    expect(senderName({ businessName: '', legalName: '' })).toBe('Carnet');
  });

  it('e-invoicing mentions: auto by default; oui / non accepted; anything else is reported', () => {
    expect(parse({}).settings.einvoicing).toBe('auto');
    expect(parse({ 'Mentions de la facturation électronique': 'OUI' }).settings.einvoicing).toBe('oui');
    expect(parse({ 'Mentions de la facturation électronique': 'peut-être' }).problems[0]).toMatch(
      /Mentions de la facturation électronique.*« auto », « oui », « non »/,
    );
  });
});
