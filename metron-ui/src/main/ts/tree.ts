// The group-by tree: alerts grouped by one or more fields (Metron's /search/group), each group with
// its count and summed score; a leaf group opens to its alerts, and any group can become a
// meta-alert.
import { api, type GroupResult, type SearchResult } from './api';
import { h, render } from './dom';
import { formatValue, refOf, scoreClass, SCORE_FIELD } from './alerts-model';
import { and, fieldName, quote } from './query';

export interface TreeHost {
  open: (r: SearchResult) => void;
  say: (message: string, error?: boolean) => void;
  changed: () => void | Promise<void>;
  query: () => string;
}

/** At most this many alerts go into a meta-alert made from a group. */
const MAX_GROUP_ALERTS = 1000;
const LEAF_PAGE = 25;

export class GroupTree {
  private expanded = new Set<string>();

  constructor(private readonly host: TreeHost) {}

  async show(el: HTMLElement, query: string, fields: string[]): Promise<void> {
    const response = await api.group({
      indices: [],
      query,
      scoreField: SCORE_FIELD,
      groups: fields.map((field) => ({ field, order: { groupOrderType: 'COUNT', sortOrder: 'DESC' } })),
    });
    render(
      el,
      h(
        'ul',
        { id: 'group-tree', class: 'tree', role: 'tree', 'aria-label': `Alerts grouped by ${fields.join(', ')}` },
        (response.groupResults ?? []).map((g) => this.node(g, fields, 0, [], query)),
      ),
      (response.groupResults ?? []).length === 0 ? h('p', { class: 'empty' }, 'No alerts match this query and time range.') : null,
    );
  }

  private node(g: GroupResult, fields: string[], depth: number, path: string[], query: string): HTMLElement {
    const keys = [...path, g.key];
    const id = keys.join('\u0000');
    const open = this.expanded.has(id);
    const clauses = keys.map((k, i) => `${fieldName(fields[i])}:${quote(k)}`);
    const groupQuery = clauses.reduce((q, c) => and(q, c), query);
    const children = h('ul', { role: 'group', hidden: !open });
    const arrow = h('span', { class: 'arrow', 'aria-hidden': 'true' }, open ? '▾ ' : '▸ ');
    const item = h(
      'li',
      { role: 'treeitem', 'aria-expanded': open ? 'true' : 'false', 'aria-level': String(depth + 1) },
      h(
        'div',
        { class: 'group-row' },
        h(
          'button',
          {
            type: 'button',
            class: 'toggle',
            'aria-label': `${fields[depth]} ${g.key}: ${g.total} alerts, score ${Math.round(g.score)}`,
            onclick: () => {
              if (this.expanded.has(id)) this.expanded.delete(id);
              else this.expanded.add(id);
              const nowOpen = this.expanded.has(id);
              item.setAttribute('aria-expanded', String(nowOpen));
              children.hidden = !nowOpen;
              arrow.textContent = nowOpen ? '▾ ' : '▸ ';
              if (nowOpen) void this.fill(children, g, fields, depth, keys, query, groupQuery);
            },
          },
          arrow,
          h('span', { class: 'group-field' }, `${fields[depth]}: `),
          h('strong', null, g.key),
        ),
        h('span', { class: 'count', title: 'alerts' }, String(g.total)),
        h('span', { class: `score ${scoreClass(g.score)}`, title: 'summed score' }, String(Math.round(g.score))),
        h(
          'button',
          {
            type: 'button',
            class: 'small',
            'aria-label': `Create a meta-alert from group ${g.key}`,
            onclick: () => this.merge(groupQuery, keys),
          },
          'Meta-alert',
        ),
      ),
      children,
    );
    if (open) void this.fill(children, g, fields, depth, keys, query, groupQuery);
    return item;
  }

  private async fill(
    children: HTMLElement,
    g: GroupResult,
    fields: string[],
    depth: number,
    keys: string[],
    query: string,
    groupQuery: string,
  ): Promise<void> {
    if (g.groupResults && g.groupResults.length > 0) {
      render(children, g.groupResults.map((sub) => this.node(sub, fields, depth + 1, keys, query)));
      return;
    }
    try {
      const found = await api.search({
        indices: [],
        query: groupQuery,
        from: 0,
        size: LEAF_PAGE,
        sort: [{ field: 'timestamp', sortOrder: 'desc' }],
        facetFields: [],
      });
      render(
        children,
        found.results.map((r) =>
          h(
            'li',
            { role: 'treeitem', class: 'leaf' },
            h(
              'button',
              { type: 'button', class: 'link', onclick: () => this.host.open(r) },
              h('span', { class: `score ${scoreClass(r.source[SCORE_FIELD])}` }, formatValue(SCORE_FIELD, r.source[SCORE_FIELD]) || '–'),
              ` ${formatValue('timestamp', r.source['timestamp'])} ${String(r.source['source.type'])} ${String(r.source['ip_src_addr'] ?? '')} → ${String(r.source['ip_dst_addr'] ?? '')} ${String(r.source['alert_status'] ?? 'NEW')}`,
            ),
          ),
        ),
        found.total > LEAF_PAGE ? h('li', { class: 'muted' }, `… and ${found.total - LEAF_PAGE} more`) : null,
      );
    } catch (err) {
      this.host.say(`Cannot list the group's alerts: ${(err as Error).message}`, true);
    }
  }

  private async merge(groupQuery: string, keys: string[]): Promise<void> {
    try {
      const found = await api.search({
        indices: [],
        query: groupQuery,
        from: 0,
        size: MAX_GROUP_ALERTS,
        sort: [{ field: 'timestamp', sortOrder: 'desc' }],
        facetFields: [],
        fields: ['guid', 'source.type'],
      });
      if (found.total > MAX_GROUP_ALERTS) {
        this.host.say(`The group has ${found.total} alerts; a meta-alert takes at most ${MAX_GROUP_ALERTS}.`, true);
        return;
      }
      await api.createMetaAlert(found.results.map((r) => refOf(r.source)), keys);
      this.host.say(`Meta-alert created from ${found.results.length} alerts of group ${keys.join(' › ')}.`);
      await this.host.changed();
    } catch (err) {
      this.host.say(`Cannot create a meta-alert: ${(err as Error).message}`, true);
    }
  }
}
