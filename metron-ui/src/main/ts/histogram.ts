// The time histogram above the table: alerts per time bucket, drawn as SVG bars. Clicking a bar
// (or pressing Enter on it) zooms the time range to that bucket.
import { api } from './api';
import { h, render } from './dom';

const BUCKETS = 48;
const SVG = 'http://www.w3.org/2000/svg';

export class Histogram {
  readonly element: HTMLElement;

  constructor(private readonly zoom: (fromMs: number, toMs: number) => void) {
    this.element = h('figure', { id: 'histogram', 'aria-label': 'Alerts over time', hidden: true });
  }

  async show(query: string, fromMs: number | null, toMs: number | null): Promise<void> {
    const to = toMs ?? Date.now();
    const from = fromMs ?? to - 30 * 24 * 3_600_000;
    try {
      const answer = await api.histogram(query, from, to, BUCKETS);
      this.draw(answer.from, answer.interval, answer.counts);
    } catch {
      // A server without the histogram endpoint: the table still works without it.
      this.element.hidden = true;
    }
  }

  private draw(from: number, interval: number, counts: number[]): void {
    const max = Math.max(1, ...counts);
    const width = 1000;
    const height = 60;
    const bar = width / Math.max(1, counts.length);
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('preserveAspectRatio', 'none');
    svg.setAttribute('role', 'group');
    counts.forEach((count, i) => {
      const start = from + i * interval;
      const label = `${count} alerts from ${new Date(start).toISOString()}; zoom in`;
      const rect = document.createElementNS(SVG, 'rect');
      const barHeight = count === 0 ? 0 : Math.max(2, (count / max) * (height - 2));
      rect.setAttribute('x', String(i * bar + 1));
      rect.setAttribute('y', String(height - barHeight));
      rect.setAttribute('width', String(Math.max(1, bar - 2)));
      rect.setAttribute('height', String(barHeight));
      const hit = document.createElementNS(SVG, 'rect');
      hit.setAttribute('x', String(i * bar));
      hit.setAttribute('y', '0');
      hit.setAttribute('width', String(bar));
      hit.setAttribute('height', String(height));
      hit.setAttribute('class', 'hit');
      hit.setAttribute('tabindex', '0');
      hit.setAttribute('role', 'button');
      hit.setAttribute('aria-label', label);
      const title = document.createElementNS(SVG, 'title');
      title.textContent = label;
      hit.appendChild(title);
      const go = () => this.zoom(start, start + interval);
      hit.addEventListener('click', go);
      hit.addEventListener('keydown', (e) => {
        if ((e as KeyboardEvent).key === 'Enter') go();
      });
      svg.append(rect, hit);
    });
    const end = from + counts.length * interval;
    render(
      this.element,
      svg,
      h(
        'figcaption',
        null,
        h('span', null, new Date(from).toISOString().slice(0, 16).replace('T', ' ')),
        h('span', null, `max ${max} per ${humanInterval(interval)}`),
        h('span', null, new Date(end).toISOString().slice(0, 16).replace('T', ' ')),
      ),
    );
    // What the bars cover, for scripts and tests that wait for a redraw.
    this.element.dataset.from = String(from);
    this.element.dataset.interval = String(interval);
    this.element.hidden = false;
  }
}

function humanInterval(ms: number): string {
  if (ms >= 86_400_000) return `${Math.round(ms / 86_400_000)} d`;
  if (ms >= 3_600_000) return `${Math.round(ms / 3_600_000)} h`;
  if (ms >= 60_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.max(1, Math.round(ms / 1000))} s`;
}
