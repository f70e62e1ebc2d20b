// The bound spreadsheet for one execution: tables opened once, the settings and the catalogue read once.
import { TABS, type TabKey } from '../domain/schema';
import { parseSettings, type Settings } from '../domain/settings';
import { readCatalogue, type Catalogue } from '../domain/catalogue';
import { messages, type Messages } from '../i18n/messages';
import { SchemaError, Table, blockRecords } from './table';
import type { CellValue } from '../domain/schema';
import { asText } from '../domain/values';
import { cachedConfig, dropConfigCache, type ConfigBlocks } from './configCache';

export class Workbook {
  private readonly tables = new Map<TabKey, Table<TabKey>>();
  private settingsCache: { settings: Settings; problems: string[] } | null = null;
  private catalogueCache: Catalogue | null = null;
  private blocks: ConfigBlocks | null = null;
  /** Journal lines held while an event is planned (gas/journal.ts withJournalHeld); null: written at once. */
  heldJournal: Array<{ level: 'info' | 'warning' | 'error'; message: string; at: Date }> | null = null;
  /** This execution queued an e-mail in `Envois` (gas/outbox.ts): it should see it sent soon. */
  mailQueued = false;

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

  /** Sends the writes Apps Script holds back: before an action that must not be repeated (an e-mail). */
  flush(): void {
    SpreadsheetApp.flush();
  }

  /** True once Paramètres and Produits are known in this execution. */
  get configLoaded(): boolean {
    return this.blocks !== null;
  }

  /** Paramètres and Produits, read by someone else (gas/layout.ts). */
  useConfig(blocks: ConfigBlocks): void {
    this.blocks = blocks;
  }

  /** Both small tabs, from the script cache when it has them (see configCache.ts); null for a tab that is missing. */
  private config(): ConfigBlocks {
    if (!this.blocks) this.blocks = cachedConfig(() => ({ settings: this.block('settings'), products: this.block('products') }));
    return this.blocks;
  }

  /** A whole small tab (header row first), or null when it is missing. */
  block(key: 'settings' | 'products' | 'templates'): CellValue[][] | null {
    const sheet = this.spreadsheet.getSheetByName(TABS[key]);
    return sheet ? (sheet.getDataRange().getValues() as CellValue[][]) : null;
  }

  /** Settings with the defaults for what is missing; unreadable values are reported in `problems`. */
  settingsResult(): { settings: Settings; problems: string[] } {
    if (!this.settingsCache) {
      const rows = new Map<string, CellValue>();
      const block = this.config().settings;
      // Before setup, or a renamed tab: defaults, and the problem is reported.
      const missing = block ? '' : messages('fr').missingTab(TABS.settings);
      for (const { values } of blockRecords(block ?? [])) {
        const label = asText(values['Paramètre']);
        if (label) rows.set(label, values['Valeur'] ?? '');
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

  /** Reads Paramètres and Produits again (not from the cache): before saying a product is unknown, in case it was just added. */
  reloadConfig(): void {
    // Only the cache: a re-read is no edit, so it must not make the backstop retry every failed event at once.
    dropConfigCache();
    this.blocks = null;
    this.settingsCache = null;
    this.catalogueCache = null;
  }

  catalogue(): Catalogue {
    if (!this.catalogueCache) {
      const block = this.config().products;
      if (!block) throw new SchemaError(messages('fr').missingTab(TABS.products));
      this.catalogueCache = readCatalogue(blockRecords(block));
    }
    return this.catalogueCache;
  }
}
