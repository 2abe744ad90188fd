/**
 * Masks personal data in text bound for a trace: e-mail addresses, CPF numbers (Brazilian taxpayer ids,
 * with or without punctuation) and phone numbers (Brazilian and international). What is left is enough
 * to read a conversation's shape, not to reach a person.
 *
 * @example
 * redactPersonalData('Ana, ana@x.com, CPF 123.456.789-09, +55 (11) 91234-5678');
 * // 'Ana, [email], CPF [cpf], [phone]'
 */
export function redactPersonalData(text: string): string {
  return (
    text
      .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[email]')
      .replace(/\b\d{3}\.?\d{3}\.?\d{3}-?\d{2}\b/g, '[cpf]')
      // International: a + and a country code, then groups of digits.
      .replace(/\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}\d\b/g, '[phone]')
      .replace(/(\+?\d{1,3}[\s.-]?)?(\(?\d{2}\)?[\s.-]?)?\d{4,5}[\s.-]?\d{4}\b/g, '[phone]')
  );
}

/** The longest content attribute a span carries (characters); longer text is cut with a marker. */
export const MAX_CONTENT_CHARS = 8_000;

/** Redacted, bounded text for a content attribute. */
export function contentAttribute(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  const redacted = redactPersonalData(text);
  return redacted.length > MAX_CONTENT_CHARS ? `${redacted.slice(0, MAX_CONTENT_CHARS)}…[truncated]` : redacted;
}
