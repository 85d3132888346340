/** Dates as the console, member pages and emails show them: English, in UTC. Pure. */
const day = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const longDateTime = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });

/** "Nov 28, 2026" */
export function formatDate(date: Date): string {
  return day.format(date);
}

/** "Nov 28, 2026, 10:12 AM UTC" */
export function formatDateTime(date: Date): string {
  return `${dateTime.format(date)} UTC`;
}

/** "December 5, 2026 at 12:00 PM UTC": expiry dates in invitations. */
export function formatLongDateTime(date: Date): string {
  return `${longDateTime.format(date)} UTC`;
}

/** "1,234", or "1,000+" for a count that is only a lower bound. Pure. */
export function formatCount(count: number, atLeast = false): string {
  return `${count.toLocaleString('en-US')}${atLeast ? '+' : ''}`;
}

/** Text made safe inside HTML or XML, in an element or a quoted attribute. Pure. */
export function escapeMarkup(value: unknown): string {
  return String(value).replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!);
}
