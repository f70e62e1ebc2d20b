// The bound spreadsheet for one execution: tables opened once, the settings and the catalogue read once.
import { TABS, type TabKey } from '../domain/schema';
import { parseSettings, type Settings } from '../domain/settings';
import { readCatalogue, type Catalogue } from '../domain/catalogue';
import { messages, type Messages } from '../i18n/messages';
import { SchemaError, Table } from './table';
import type { CellValue } from '../domain/schema';
import { asText } from '../domain/values';

export class Workbook {
  private readonly tables = new Map<TabKey, Table<TabKey>>();
  private settingsCache: { settings: Settings; problems: string[] } | null = null;
  private catalogueCache: Catalogue | null = null;

  constructor(readonly spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet) {}

  static active(): Workbook {
    return new Workbook(SpreadsheetApp.getActive());
  }

  table<K extends TabKey>(key: K): Table<K> {
    const open = this.tables.get(key);
    if (open) return open as unknown as Table<K>;
    const sheet = this.spreadsheet.getSheetByName(TABS[key]);
    // Messages about the schema are in French: the tab and header names are French too.
    const text = messages('fr');
    if (!sheet) throw new SchemaError(text.missingTab(TABS[key]));
    const table = new Table(key, sheet, (header) => text.missingHeader(TABS[key], header));
    this.tables.set(key, table as unknown as Table<TabKey>);
    return table;
  }

  /** Settings with the defaults for what is missing; unreadable values are reported in `problems`. */
  settingsResult(): { settings: Settings; problems: string[] } {
    if (!this.settingsCache) {
      const rows = new Map<string, CellValue>();
      let missing = '';
      try {
        for (const { values } of this.table('settings').readAll()) {
          const label = asText(values['Paramètre']);
          if (label) rows.set(label, values['Valeur'] ?? '');
        }
      } catch (error) {
        // Before setup, or a renamed tab: defaults, and the problem is reported.
        if (!(error instanceof SchemaError)) throw error;
        missing = error.message;
      }
      const parsed = parseSettings(rows);
      this.settingsCache = missing ? { settings: parsed.settings, problems: [missing, ...parsed.problems] } : parsed;
    }
    return this.settingsCache;
  }

  get settings(): Settings {
    return this.settingsResult().settings;
  }

  get text(): Messages {
    return messages(this.settings.locale);
  }

  catalogue(): Catalogue {
    if (!this.catalogueCache) this.catalogueCache = readCatalogue(this.table('products').readAll());
    return this.catalogueCache;
  }
}
