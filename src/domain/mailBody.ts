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
  return paragraphs
    .map((p) => `<p>${escapeHtml(p.text).replace(/\n/g, '<br>')}${p.link ? `<br><a href="${escapeHtml(p.link)}">${escapeHtml(p.link)}</a>` : ''}</p>`)
    .join('\n');
}
