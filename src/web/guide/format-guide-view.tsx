import { Markdown } from '../chat/markdown.js';
import { chartSpecOf } from './chart-data.js';
import { ChartView } from './chart-view.js';
import type { Guide, Section, TableSection } from './guide-model.js';

function Table({ section }: { section: TableSection }) {
  return (
    <div class="table-scroll">
      <table>
        <thead>
          <tr>
            {section.columns.map((c) => (
              <th scope="col">{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {section.rows.map((row) => (
            <tr>
              {row.map((cell) => (
                <td class={typeof cell === 'number' ? 'n' : undefined}>
                  {typeof cell === 'number' ? cell.toLocaleString() : String(cell ?? '')}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * An answer laid out as its format guide says (the BI agents'): text sections (an empty one is the
 * slot for the answer), tables, bullet lists and charts drawn from the tables.
 */
export function FormatGuideView({ guide, answer, theme }: { guide: Guide; answer: string; theme: string }) {
  const tables = guide.sections.filter((s): s is TableSection => s.type === 'table');
  const hasSlot = guide.sections.some((s) => s.type === 'text' && !s.content);
  const chart = guide.chart ? chartSpecOf(guide.chart, tables) : undefined;
  const section = (s: Section) => {
    switch (s.type) {
      case 'text':
        return <Markdown text={s.content ?? answer} highlightNumbers={guide.highlightNumbers} />;
      case 'table':
        return <Table section={s} />;
      case 'bullets':
        return (
          <ul>
            {s.items.map((i) => (
              <li>{i}</li>
            ))}
          </ul>
        );
      case 'chart': {
        const spec = s.chart ? chartSpecOf(s.chart, tables) : undefined;
        return spec ? <ChartView spec={spec} theme={theme} /> : null;
      }
    }
  };
  return (
    <div class="guide" data-format={guide.format}>
      {!hasSlot && <Markdown text={answer} highlightNumbers={guide.highlightNumbers} />}
      {guide.sections.map((s) => (
        <section class={`guide-section guide-${s.type}`}>
          {s.title && <h4>{s.title}</h4>}
          {section(s)}
        </section>
      ))}
      {chart && (
        <section class="guide-section guide-chart">
          <ChartView spec={chart} theme={theme} />
        </section>
      )}
    </div>
  );
}
