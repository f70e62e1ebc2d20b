// setup(): idempotent installation (CONTRACT.md): a second run changes nothing.
import { Emulator } from '../../emulator/src';
import { KEY, openWebApp, START } from './harness';

function state(emu: Emulator) {
  return {
    tabs: Object.fromEntries(emu.spreadsheet.sheetNames().map((name) => [name, emu.spreadsheet.values(name)])),
    properties: Object.fromEntries(emu.properties.scriptStore()),
    triggers: emu.script.triggers().map((t) => JSON.stringify(t)),
    files: emu.drive
      .files()
      .filter((f) => !f.trashed)
      .map((f) => f.name)
      .sort(),
  };
}

describe('setup()', () => {
  test('creates every tab with its headers, the settings, the token, the Drive folder and template, the triggers', () => {
    const emu = new Emulator({ start: START }).loadBundle('dist');
    emu.properties.scriptStore().set('STRIPE_SECRET_KEY', KEY);
    const summary = emu.run<Record<string, unknown>>('setup');
    for (const tab of ['Paramètres', 'Produits', 'Clients', 'Crédits', 'Paiements', 'Factures', 'Réservations', 'Événements', 'Journal', 'Recettes']) {
      expect(emu.spreadsheet.sheetNames()).toContain(tab);
    }
    expect(emu.spreadsheet.values('Clients')[0].slice(0, 3)).toEqual(['E-mail', 'Nom', 'Solde']);
    expect(emu.properties.scriptStore().get('WEBHOOK_TOKEN')).toMatch(/^[0-9a-f]{64}$/);
    expect(summary).toMatchObject({ webhookToken: 'generated', stripeKey: 'ok' });
    // Run from the editor, getUrl() would give the /dev test URL: Carnet shows no URL until it knows the /exec one.
    expect(summary.webhookUrl).toBe('');
    openWebApp(emu);
    const again = emu.run<Record<string, unknown>>('setup');
    expect(again.webhookUrl).toBe(
      `https://script.google.com/macros/s/carnet-emulated-deployment/exec?token=${emu.properties.scriptStore().get('WEBHOOK_TOKEN')}`,
    );
    expect(emu.script.triggers().map((t) => t.handler)).toEqual(expect.arrayContaining(['carnetBackstop']));
    expect(emu.drive.files().some((f) => f.name === 'Carnet — modèle de facture')).toBe(true);
  });

  test('run again, it changes nothing: same tabs and cells, same properties, same triggers, same files', () => {
    const emu = new Emulator({ start: START }).loadBundle('dist');
    emu.properties.scriptStore().set('STRIPE_SECRET_KEY', KEY);
    emu.run('setup');
    const before = state(emu);
    const again = emu.run<Record<string, unknown>>('setup');
    expect(state(emu)).toEqual(before);
    expect(again).toMatchObject({ createdTabs: [], addedSettings: [], installedTriggers: [], webhookToken: 'kept' });
  });

  test('without a Stripe key: everything else is installed and the summary says the key is missing', () => {
    const emu = new Emulator({ start: START }).loadBundle('dist');
    expect(emu.run<Record<string, unknown>>('setup')).toMatchObject({ stripeKey: 'missing' });
  });

  test('an anonymous visitor cannot run it', () => {
    const emu = new Emulator({ start: START }).loadBundle('dist');
    expect(() => emu.run('setup', [], 'anonymous')).toThrow(/Accès refusé/);
    expect(emu.spreadsheet.sheetNames()).toEqual(['Feuille 1']);
  });
});

describe('the Carnet menu', () => {
  test('onOpen adds the menu; "Installer / vérifier" installs and shows what it did and the webhook URL, in French', () => {
    const emu = new Emulator({ start: START }).loadBundle('dist');
    emu.properties.scriptStore().set('STRIPE_SECRET_KEY', KEY);
    emu.run('onOpen');
    expect(JSON.stringify(emu.spreadsheet.menus())).toContain('Installer / vérifier');
    emu.run('carnetMenuSetup');
    const alert = emu.spreadsheet.alerts().at(-1);
    expect(JSON.stringify(alert)).toContain('Onglets créés');
    expect(JSON.stringify(alert)).toContain('Clé Stripe : valide.');
    // From the menu getUrl() is the /dev test URL: never shown as the webhook's.
    expect(JSON.stringify(alert)).not.toContain('/dev');
    expect(JSON.stringify(alert)).toContain('collez son adresse en /exec dans Carnet > Configuration');
    openWebApp(emu);
    emu.run('carnetMenuSetup');
    expect(JSON.stringify(emu.spreadsheet.alerts().at(-1))).toContain(`/exec?token=${emu.properties.scriptStore().get('WEBHOOK_TOKEN')}`);
  });

  test('"Rattraper les paiements Stripe" applies a payment whose webhook never came and says so', () => {
    const emu = new Emulator({ start: START }).loadBundle('dist');
    emu.properties.scriptStore().set('STRIPE_SECRET_KEY', KEY);
    emu.run('setup');
    const product = emu.stripe.createProduct({ name: 'Pack' });
    const price = emu.stripe.createPrice({ product: String(product.id), unitAmount: 9000 });
    emu.edit('Produits', 'A2', 'P3');
    emu.edit('Produits', 'B2', 'Pack 3 cours');
    emu.edit('Produits', 'C2', 'cours');
    emu.edit('Produits', 'D2', 90);
    emu.edit('Produits', 'E2', 3);
    emu.edit('Produits', 'G2', String(price.id));
    emu.stripe.pay({ lineItems: [{ price: String(price.id), quantity: 1 }], email: 'alice@example.com', name: 'Alice' });
    emu.run('carnetMenuCatchUp');
    expect(emu.spreadsheet.records('Clients')[0]).toMatchObject({ 'E-mail': 'alice@example.com', Solde: 3 });
    expect(JSON.stringify(emu.spreadsheet.toasts().at(-1))).toMatch(/1 traité/);
  });
});
