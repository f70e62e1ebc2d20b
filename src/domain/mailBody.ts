// An e-mail as a list of paragraphs (each with an optional link), rendered twice: plain text and
// escaped HTML. Small enough to be saved in a write-ahead plan.
import { escapeHtml } from './html';

export interface MailParagraph {
  text: string;
  link?: string;
}

export function mailText(paragraphs: readonly MailParagraph[]): string {
  return paragraphs.map((p) => (p.link ? `${p.text}\n${p.link}` : p.text)).join('\n\n');
}

export function mailHtml(paragraphs: readonly MailParagraph[]): string {
  return paragraphs.map((p) => `<p>${escapeHtml(p.text).replace(/\n/g, '<br>')}${p.link ? `<br>${linkHtml(p.link)}` : ''}</p>`).join('\n');
}

/** Only http(s) links become clickable: a `javascript:` or `data:` value typed in the sheet is shown as text. */
function linkHtml(link: string): string {
  return /^https?:\/\//i.test(link.trim()) ? `<a href="${escapeHtml(link)}">${escapeHtml(link)}</a>` : escapeHtml(link);
}
