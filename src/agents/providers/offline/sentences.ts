/** Whether a character code ends a streamed piece: `.`, `!`, `?` or a line break. */
function endsPiece(code: number): boolean {
  return code === 46 || code === 33 || code === 63 || code === 10;
}

/**
 * The text cut after every `.`, `!`, `?` and line break, without empty pieces: what
 * `text.split(/(?<=[.!?\n])/)` gives, minus its empty strings, in one pass without a regex (the
 * look-behind split showed in the offline model's profile; the answer streams once per turn).
 *
 * @example
 * sentences('Oi! Tudo bem?\nSim.') // ['Oi!', ' Tudo bem?', '\n', 'Sim.']
 */
export function sentences(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (!endsPiece(text.charCodeAt(i))) continue;
    pieces.push(text.slice(start, i + 1));
    start = i + 1;
  }
  if (start < text.length) pieces.push(text.slice(start));
  return pieces;
}
