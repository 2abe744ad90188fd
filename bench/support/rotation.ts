/**
 * The offline CPU benches' rotation: one message per specialist family (retention, support, BI, sales),
 * each from a seeded contact, so a steady session per contact sees its own family every turn.
 *
 * `BENCH_VARIED_TEXTS=1` makes every message's words new (a reference number appended), for runs that
 * must not profit from caches keyed by a message's text: four texts repeated forever would let such a
 * cache hit on every message, which real traffic does not.
 */
export const ROTATION: ReadonlyArray<{ message: string; contactId: string }> = [
  { message: 'Quero cancelar, está muito caro', contactId: 'contact-carlos' },
  { message: 'O sistema está fora do ar', contactId: 'contact-ana' },
  { message: 'Quantos leads entraram hoje?', contactId: 'contact-beatriz' },
  { message: 'Quero saber o preço do plano', contactId: 'contact-daniel' },
];

const VARIED = process.env['BENCH_VARIED_TEXTS'] === '1';

/** The i-th message of the rotation (its text made unique under BENCH_VARIED_TEXTS=1). */
export function rotationMessage(i: number): { message: string; contactId: string } {
  const { message, contactId } = ROTATION[i % ROTATION.length] as (typeof ROTATION)[number];
  return { message: VARIED ? `${message} (ref. ${i})` : message, contactId };
}
