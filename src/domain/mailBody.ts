// An e-mail as a list of paragraphs (each with an optional link), rendered twice: plain text and
// escaped HTML. Small enough to be saved in a write-ahead plan.
import { escapeHtml } from './html';

export interface MailParagraph {
  text: string;
  link?: string;
}

/** "Alice" from "Alice Dupont"; '' when the name is unknown or is only an e-mail address. */
export function firstName(name: string): string {
  const clean = typeof name === 'string' ? name.trim() : '';
  if (!clean || clean.includes('@')) return '';
  return clean.split(/\s+/)[0];
}

/** A greeting whose name is empty loses the space before its comma: "Bonjour ," becomes "Bonjour," ("Bonjour !" stays). */
export function tidyGreeting(text: string): string {
  return text.replace(/[ \u00a0]+,/g, ',').replace(/ {2,}/g, ' ');
}

export function mailText(paragraphs: readonly MailParagraph[]): string {
  return paragraphs.map((p) => (p.link ? `${p.text}\n${p.link}` : p.text)).join('\n\n');
}

/** Readable on a phone: one narrow column, a legible size, long links broken rather than overflowing. */
export function mailHtml(paragraphs: readonly MailParagraph[]): string {
  const body = paragraphs
    .map((p) => `<p style="margin:0 0 14px">${escapeHtml(p.text).replace(/\n/g, '<br>')}${p.link ? `<br>${linkHtml(p.link)}` : ''}</p>`)
    .join('\n');
  return `<div style="max-width:560px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#222;word-wrap:break-word;overflow-wrap:anywhere">\n${body}\n</div>`;
}

/** Only http(s) links become clickable: a `javascript:` or `data:` value typed in the sheet is shown as text. */
function linkHtml(link: string): string {
  return /^https?:\/\//i.test(link.trim()) ? `<a href="${escapeHtml(link)}">${escapeHtml(link)}</a>` : escapeHtml(link);
}
