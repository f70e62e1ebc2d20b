// Ui, Menu, PromptResponse: everything is recorded for tests; alerts and prompts take their answers
// from a queue the test fills (SpreadsheetService.queueUiResponse), else the dialog's first button.
// developers.google.com/apps-script/reference/base/ui
import { conforms } from '../conformance';
import { Button, ButtonSet, EnumValue, enumName } from './enums';
import type { MenuEntry, MenuRecord, SpreadsheetHost, UiAnswer } from './host';

const BUTTONS_OF: Record<string, string[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

export class FakePromptResponse {
  constructor(
    private readonly host: SpreadsheetHost,
    private readonly text: string,
    private readonly button: EnumValue,
  ) {}
  getResponseText(): string {
    this.host.call('PromptResponse.getResponseText');
    return this.text;
  }
  getSelectedButton(): EnumValue {
    this.host.call('PromptResponse.getSelectedButton');
    return this.button;
  }
}

export class FakeMenu {
  private readonly items: MenuEntry[] = [];
  constructor(
    private readonly host: SpreadsheetHost,
    private readonly caption: string,
    private readonly addon: boolean,
  ) {}
  record(): MenuRecord {
    return { caption: this.caption, addon: this.addon, items: this.items.map((i) => ({ ...i })) };
  }
  addItem(caption: string, functionName: string): FakeMenu {
    this.host.call('Menu.addItem');
    this.items.push({ caption: String(caption), functionName: String(functionName) });
    return this;
  }
  addSeparator(): FakeMenu {
    this.host.call('Menu.addSeparator');
    this.items.push({ separator: true });
    return this;
  }
  addSubMenu(menu: unknown): FakeMenu {
    this.host.call('Menu.addSubMenu');
    this.items.push({ submenu: (menu as FakeMenu).record() });
    return this;
  }
  /** A menu added again under the same caption replaces the previous one (onOpen runs at every opening). */
  addToUi(): void {
    this.host.call('Menu.addToUi');
    const record = this.record();
    const i = this.host.menuLog.findIndex((m) => m.caption === record.caption && m.addon === record.addon);
    if (i >= 0) this.host.menuLog[i] = record;
    else this.host.menuLog.push(record);
  }
}

export class FakeUi {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;
  constructor(private readonly host: SpreadsheetHost) {}

  private answer(kind: 'alert' | 'prompt', args: unknown[]): { button: EnumValue; text: string } {
    const [title, prompt, buttons] = args.length >= 3 ? args : [null, args[0], args[1]];
    const set = buttons === undefined ? 'OK' : enumName(buttons);
    const allowed = BUTTONS_OF[set] ?? ['OK'];
    const queued: UiAnswer | undefined = this.host.nextUiAnswer();
    const button = queued?.button ?? allowed[0];
    if (button !== 'CLOSE' && !allowed.includes(button)) {
      throw new Error(`Test set-up: the queued answer ${button} is not a button of ButtonSet.${set}`);
    }
    const text = kind === 'prompt' ? (queued?.text ?? '') : undefined;
    this.host.alertLog.push({
      kind,
      title: title === null || title === undefined ? null : String(title),
      prompt: String(prompt),
      buttons: set,
      answer: text === undefined ? { button } : { button, text },
      at: this.host.rt.clock.now(),
    });
    return { button: Button[button], text: text ?? '' };
  }

  alert(...args: [string] | [string, unknown] | [string, string, unknown]): EnumValue {
    this.host.call('Ui.alert');
    return this.answer('alert', args).button;
  }
  prompt(...args: [string] | [string, unknown] | [string, string, unknown]): FakePromptResponse {
    this.host.call('Ui.prompt');
    const { button, text } = this.answer('prompt', args);
    return new FakePromptResponse(this.host, text, button);
  }
  createMenu(caption: string): FakeMenu {
    this.host.call('Ui.createMenu');
    return new FakeMenu(this.host, String(caption), false);
  }
  createAddonMenu(): FakeMenu {
    this.host.call('Ui.createAddonMenu');
    return new FakeMenu(this.host, '', true);
  }
  showSidebar(userInterface: unknown): void {
    this.host.call('Ui.showSidebar');
    this.host.dialogLog.push({ kind: 'sidebar', title: null, output: userInterface, at: this.host.rt.clock.now() });
  }
  showModalDialog(userInterface: unknown, title: string): void {
    this.host.call('Ui.showModalDialog');
    this.host.dialogLog.push({ kind: 'modal', title: String(title), output: userInterface, at: this.host.rt.clock.now() });
  }
  showModelessDialog(userInterface: unknown, title: string): void {
    this.host.call('Ui.showModelessDialog');
    this.host.dialogLog.push({ kind: 'modeless', title: String(title), output: userInterface, at: this.host.rt.clock.now() });
  }
  showDialog(userInterface: unknown): void {
    this.host.call('Ui.showDialog');
    this.host.dialogLog.push({ kind: 'modal', title: null, output: userInterface, at: this.host.rt.clock.now() });
  }
}

conforms<
  GoogleAppsScript.Base.Ui,
  FakeUi,
  'alert' | 'prompt' | 'createMenu' | 'createAddonMenu' | 'showSidebar' | 'showModalDialog' | 'showModelessDialog' | 'showDialog'
>(true);
conforms<GoogleAppsScript.Base.Menu, FakeMenu, 'addItem' | 'addSeparator' | 'addSubMenu' | 'addToUi'>(true);
conforms<GoogleAppsScript.Base.PromptResponse, FakePromptResponse, 'getResponseText' | 'getSelectedButton'>(true);
