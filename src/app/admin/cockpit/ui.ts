// The cockpit's frame: opening the sidebar or a dialog on a view, and the wrapper every page-called
// function goes through (caller checked first, then any failure turned into a French message).
import { COCKPIT_PAGE } from 'virtual:cockpit-page';
import type { Boot, Outcome, View } from '../../../ui/contract';
import { cockpitPageText, cockpitText } from '../../../i18n/cockpitText';
import { requireAdmin } from '../../../gas/auth';
import { SchemaError } from '../../../gas/table';
import { ProblemError, errorText } from '../../../domain/problem';
import { StripeApiError } from '../../../gas/stripeApi';
import { Workbook } from '../../../gas/workbook';
import { journal } from '../../../gas/journal';
import type { Locale } from '../../../i18n/locale';
import { htmlOutput } from '../../../gas/html';
import { spreadsheetUi } from '../../../gas/spreadsheetUi';

const SIDEBAR_WIDTH = 300;

/** The admin's language; French before setup or when the settings cannot be read. */
export function adminLocale(): Locale {
  try {
    return Workbook.active().settings.locale;
  } catch {
    return 'fr';
  }
}

/** The page with its start-up data, as a script literal that cannot close the <script> element. */
export function cockpitPage(view: View, locale: Locale): GoogleAppsScript.HTML.HtmlOutput {
  const boot: Boot = { view, locale, text: cockpitPageText(locale) };
  const literal = JSON.stringify(boot)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  // A function replacement: "$" in the texts must stay literal. The page source may quote the marker either way (Prettier).
  const html = COCKPIT_PAGE.replace(/(["'])__CARNET_BOOT__\1/, () => literal).replace('__CARNET_LANG__', locale);
  return htmlOutput(html).setTitle(cockpitText(locale).sidebarTitle);
}

/** Opens a view in the sidebar (300 px wide). */
export function showSidebar(view: View): void {
  const ui = spreadsheetUi();
  ui.showSidebar(cockpitPage(view, adminLocale()).setWidth(SIDEBAR_WIDTH));
}

/** Opens a view in a modal dialog (the setup wizard). */
export function showDialog(view: View, width: number, height: number): void {
  const ui = spreadsheetUi();
  const locale = adminLocale();
  ui.showModalDialog(cockpitPage(view, locale).setWidth(width).setHeight(height), cockpitPageText(locale).menu[view === 'wizard' ? 'wizard' : 'health']);
}

/**
 * A function called from a page: the caller must be the admin (checked before anything is read;
 * a stranger gets the usual refusal), then whatever goes wrong becomes a readable message. Problems the
 * admin can fix say what to fix; anything else is journaled and answered with a generic sentence.
 */
export function uiCall<T>(what: string, work: () => T): Outcome<T> {
  requireAdmin();
  try {
    return { ok: true, value: work() };
  } catch (error) {
    if (error instanceof ProblemError || error instanceof SchemaError) return { ok: false, message: error.message };
    if (error instanceof StripeApiError) return { ok: false, message: error.message };
    const text = cockpitText(adminLocale());
    try {
      journal(Workbook.active(), 'error', text.unexpected(what, errorText(error)));
    } catch {
      // The journal itself is out of reach: the message below still says what to do.
    }
    return { ok: false, message: text.notAvailable };
  }
}
