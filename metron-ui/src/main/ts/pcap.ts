// The PCAP panel: runs a fixed-filter packet query for an alert's flow (Metron's /api/v1/pcap/fixed),
// follows the job and offers the .pcap for download.
import { api, type PcapStatus, type Source } from './api';
import { h, render } from './dom';

const PROTOCOLS: Record<string, string> = { icmp: '1', tcp: '6', udp: '17' };
const MARGIN_MS = 60_000;

export class PcapPanel {
  readonly element: HTMLElement;
  /** The alert whose flow this panel queries. */
  readonly guid: string;
  private readonly out: HTMLElement;

  constructor(
    private readonly alert: Source,
    private readonly say: (message: string, error?: boolean) => void,
  ) {
    this.guid = String(alert['guid']);
    this.out = h('div', { id: 'pcap-result', 'aria-live': 'polite' });
    const flow = this.flow();
    this.element = h(
      'section',
      { id: 'pcap', 'aria-label': 'Packets' },
      h('h3', null, 'Packets'),
      h('p', { class: 'muted' }, describe(flow)),
      h('button', { type: 'button', id: 'pcap-query', onclick: () => this.run() }, 'Query packets for this flow'),
      this.out,
    );
  }

  /** Metron's FixedPcapRequest for this alert's 5-tuple around its time, both directions. */
  private flow(): Record<string, unknown> {
    const a = this.alert;
    const ts = typeof a['timestamp'] === 'number' ? (a['timestamp'] as number) : Date.now();
    const duration = typeof a['duration'] === 'number' ? (a['duration'] as number) * 1000 : 0;
    const proto = String(a['transport'] ?? a['proto'] ?? a['protocol'] ?? '').toLowerCase();
    const request: Record<string, unknown> = {
      startTimeMs: ts - MARGIN_MS,
      endTimeMs: ts + duration + MARGIN_MS,
      includeReverse: true,
    };
    for (const [field, key] of [
      ['ip_src_addr', 'ipSrcAddr'],
      ['ip_dst_addr', 'ipDstAddr'],
      ['ip_src_port', 'ipSrcPort'],
      ['ip_dst_port', 'ipDstPort'],
    ]) {
      if (a[field] !== undefined && a[field] !== null) request[key] = String(a[field]);
    }
    if (PROTOCOLS[proto]) request['protocol'] = PROTOCOLS[proto];
    return request;
  }

  private async run(): Promise<void> {
    render(this.out, h('p', null, 'Querying packets…'));
    try {
      let status = await api.pcapFixed(this.flow());
      for (let i = 0; i < 120 && status.jobStatus === 'RUNNING'; i++) {
        await new Promise((r) => setTimeout(r, 500));
        status = await api.pcapStatus(status.jobId);
      }
      this.show(status);
    } catch (err) {
      render(this.out, h('p', { class: 'error' }, `Packet query failed: ${(err as Error).message}`));
      this.say(`Packet query failed: ${(err as Error).message}`, true);
    }
  }

  private show(status: PcapStatus): void {
    if (status.jobStatus !== 'SUCCEEDED') {
      render(this.out, h('p', { class: 'error' }, `Packet query ${status.jobStatus.toLowerCase()}: ${status.description ?? ''}`));
      return;
    }
    // Metron's status counts pages; a server that writes one file per job gives its size only.
    const pages = status.pageTotal ?? ((status.size ?? 0) > 0 ? 1 : 0);
    render(
      this.out,
      status.description ? h('p', { class: 'muted', id: 'pcap-matched' }, status.description) : null,
      pages === 0
        ? h('p', null, 'No packets for this flow.')
        : h(
            'ul',
            null,
            Array.from({ length: pages }, (_, i) =>
              h(
                'li',
                null,
                h(
                  'a',
                  {
                    id: i === 0 ? 'pcap-download' : null,
                    href: api.pcapDownloadUrl(status.jobId, i + 1),
                    download: `metron-${status.jobId}-${i + 1}.pcap`,
                  },
                  `Download page ${i + 1} (.pcap)`,
                ),
              ),
            ),
          ),
    );
  }
}

function describe(flow: Record<string, unknown>): string {
  const src = `${flow['ipSrcAddr'] ?? '*'}:${flow['ipSrcPort'] ?? '*'}`;
  const dst = `${flow['ipDstAddr'] ?? '*'}:${flow['ipDstPort'] ?? '*'}`;
  return `${src} ↔ ${dst}, ${new Date(flow['startTimeMs'] as number).toISOString()} to ${new Date(flow['endTimeMs'] as number).toISOString()}`;
}
