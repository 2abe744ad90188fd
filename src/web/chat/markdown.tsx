import type { ComponentChildren } from 'preact';

/** `**bold**` and `` `code` `` inside a line; everything else is text (never HTML). */
function inline(text: string, highlightNumbers: boolean): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  const pattern = /\*\*([^*]+)\*\*|`([^`]+)`/g;
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > at) out.push(...numbers(text.slice(at, match.index), highlightNumbers));
    if (match[1] !== undefined) out.push(<strong>{match[1]}</strong>);
    else out.push(<code>{match[2]}</code>);
    at = match.index + match[0].length;
  }
  if (at < text.length) out.push(...numbers(text.slice(at), highlightNumbers));
  return out;
}

function numbers(text: string, highlight: boolean): ComponentChildren[] {
  if (!highlight) return [text];
  return text.split(/(\d[\d.,]*%?)/).map((part, i) => (i % 2 === 1 ? <span class="num">{part}</span> : part));
}

/**
 * The small Markdown subset agents write: paragraphs, `- ` bullet lists, line breaks, bold and code.
 * Rendered as elements, so an answer can never inject markup.
 */
export function Markdown({ text, highlightNumbers = false }: { text: string; highlightNumbers?: boolean }) {
  const blocks = text.trim().split(/\n{2,}/);
  return (
    <div class="md">
      {blocks.map((block) => {
        const lines = block.split('\n');
        if (lines.every((l) => /^\s*[-*•]\s+/.test(l))) {
          return (
            <ul>
              {lines.map((l) => (
                <li>{inline(l.replace(/^\s*[-*•]\s+/, ''), highlightNumbers)}</li>
              ))}
            </ul>
          );
        }
        return (
          <p>
            {lines.flatMap((l, i) =>
              i === 0 ? inline(l, highlightNumbers) : [<br />, ...inline(l, highlightNumbers)],
            )}
          </p>
        );
      })}
    </div>
  );
}
