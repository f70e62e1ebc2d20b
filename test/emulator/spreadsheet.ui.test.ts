// SpreadsheetApp.getUi(): menus, dialogs, sidebars, alerts and prompts. Reference pages:
// developers.google.com/apps-script/reference/base/ui, …/base/menu, …/base/prompt-response, …/base/button-set;
// the getUi() error in a web app: googleworkspace issue threads quoting
// "Exception: Cannot call SpreadsheetApp.getUi() from this context." (e.g. benlcollins/SheetSizer#1).
import { Runtime } from '../../emulator/src/runtime';
import { SpreadsheetService } from '../../emulator/src/spreadsheet';

function setup() {
  const rt = new Runtime();
  const service = new SpreadsheetService(rt);
  const app = service.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  return { rt, service, app };
}

describe('Ui (reference: Ui, Menu)', () => {
  test('createMenu … addToUi records the menu with its items, separators and submenus', () => {
    const { app, service } = setup();
    const ui = app.getUi();
    ui.createMenu('Carnet').addItem('Configurer', 'setup').addSeparator().addSubMenu(ui.createMenu('Outils').addItem('Resynchroniser', 'resync')).addToUi();
    expect(service.menus()).toEqual([
      {
        caption: 'Carnet',
        addon: false,
        items: [
          { caption: 'Configurer', functionName: 'setup' },
          { separator: true },
          { submenu: { caption: 'Outils', addon: false, items: [{ caption: 'Resynchroniser', functionName: 'resync' }] } },
        ],
      },
    ]);
  });

  test('alert returns Button.OK by default; queued answers come back in order', () => {
    const { app, service } = setup();
    const ui = app.getUi();
    expect(ui.alert('Terminé')).toBe(ui.Button.OK);
    service.queueUiResponse('NO', 'YES');
    expect(ui.alert('Confirmer', 'Rembourser ce paiement ?', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    expect(ui.alert('Encore ?', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
    expect(service.alerts().map((a) => [a.title, a.prompt, a.buttons, a.answer.button])).toEqual([
      [null, 'Terminé', 'OK', 'OK'],
      ['Confirmer', 'Rembourser ce paiement ?', 'YES_NO', 'NO'],
      [null, 'Encore ?', 'YES_NO', 'YES'],
    ]);
  });

  test('prompt returns a PromptResponse with the queued text and button', () => {
    const { app, service } = setup();
    const ui = app.getUi();
    service.queueUiResponse({ button: 'OK', text: 'sk_test_123' });
    const response = ui.prompt('Clé Stripe', 'Collez la clé secrète', ui.ButtonSet.OK_CANCEL);
    expect(response.getResponseText()).toBe('sk_test_123');
    expect(response.getSelectedButton()).toBe(ui.Button.OK);
  });

  test('a queued answer that is not a button of the dialog is a test set-up error', () => {
    const { app, service } = setup();
    service.queueUiResponse('YES');
    expect(() => app.getUi().alert('Info')).toThrow('not a button of ButtonSet.OK');
  });

  test('sidebars and dialogs are recorded with the HtmlOutput passed and the title', () => {
    const { app, service } = setup();
    const ui = app.getUi();
    const output = { kind: 'html-output' } as unknown as GoogleAppsScript.HTML.HtmlOutput;
    ui.showSidebar(output);
    ui.showModalDialog(output, 'Configuration');
    ui.showModelessDialog(output, 'Aide');
    expect(service.sidebars()).toEqual([expect.objectContaining({ kind: 'sidebar', output })]);
    expect(service.dialogs().map((d) => [d.kind, d.title])).toEqual([
      ['sidebar', null],
      ['modal', 'Configuration'],
      ['modeless', 'Aide'],
    ]);
  });

  test('enums are objects whose string is their name', () => {
    const { app } = setup();
    const ui = app.getUi();
    expect(String(ui.ButtonSet.YES_NO)).toBe('YES_NO');
    expect(String(app.ProtectionType.RANGE)).toBe('RANGE');
    expect(JSON.stringify({ b: ui.Button.CANCEL })).toBe('{"b":"CANCEL"}');
  });
});

describe('getUi() outside the spreadsheet UI ("Cannot call SpreadsheetApp.getUi() from this context.")', () => {
  test('throws in a web-app execution (doPost, anonymous visitor)', () => {
    const { rt, app } = setup();
    const run = rt.beginExecution({ kind: 'anonymous' }, 'doPost');
    expect(() => app.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
    rt.endExecution(run);
  });

  test('throws in doGet even for a signed-in user; works again in a menu action', () => {
    const { rt, app } = setup();
    const web = rt.beginExecution({ kind: 'user', email: 'eleve@example.com' }, 'doGet');
    expect(() => app.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
    rt.endExecution(web);
    const menu = rt.beginExecution({ kind: 'owner' }, 'showSettings');
    expect(() => app.getUi()).not.toThrow();
    rt.endExecution(menu);
  });

  test('setUiContext lets a test declare other contexts without UI (e.g. time-driven triggers)', () => {
    const { rt, app, service } = setup();
    service.setUiContext((execution) => execution?.functionName !== 'pollStripe');
    const run = rt.beginExecution({ kind: 'owner' }, 'pollStripe');
    expect(() => app.getUi()).toThrow('Cannot call SpreadsheetApp.getUi() from this context.');
    rt.endExecution(run);
  });
});
