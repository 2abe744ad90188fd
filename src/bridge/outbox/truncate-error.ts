/** An error message as stored on an outbox row: at most `max` characters (a stack trace can be huge). */
export function truncateError(text: string, max = 2000): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
