// The management area's REST calls: Metron's config, Stellar, Grok, Kafka and topology paths,
// plus the status, config check, test bench and table endpoints the server adds for this area.
import { request } from '../api';

export type Doc = Record<string, unknown>;

/** A config document kind and where the server keeps it. */
export type Kind = 'parser' | 'enrichment' | 'indexing' | 'global';

export interface SensorStatus {
  sensor: string;
  topic: string;
  enabled: boolean;
  received: number;
  parsed: number;
  invalid: number;
  errors: number;
  filtered: number;
  messagesPerSecond: number;
  lag: number | null;
  lastMessage: number | null;
}

/** One finding of the config check, at a file and JSON path ($.parserConfig.columns). */
export interface Problem {
  file: string;
  path: string;
  message: string;
  level: 'error' | 'warning';
}

export interface Output {
  kind: 'message' | 'error' | 'filtered';
  fields: Doc;
}

export interface LineResult {
  line: string;
  edited: Output[];
  saved: Output[] | null;
}

export interface TestResult {
  problems: Problem[];
  saved: boolean;
  results: LineResult[];
}

export interface FunctionDescription {
  name: string;
  description: string;
  params: string[];
  returns: string;
}

export interface LoadJob {
  jobId: string;
  name: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  rows: number;
  lines: number;
  badRows: number;
  fraction: number;
  message: string | null;
  badRowSamples: string[];
}

export interface TableRow {
  type: string;
  indicator: string;
  value: Doc;
}

export interface GrokValidation {
  patternLabel?: string | null;
  statement: string;
  sampleData: string;
  results?: Doc;
}

const enc = encodeURIComponent;

function docPath(kind: Kind, sensor?: string): string {
  if (kind === 'global') return '/global/config';
  return `/sensor/${kind}/config/${enc(sensor ?? '')}`;
}

export const manageApi = {
  roles: () => request<string[]>('GET', '/user/whoami/roles'),
  status: () => request<SensorStatus[]>('GET', '/sensor/status'),
  setEnabled: (sensor: string, enabled: boolean) =>
    request<{ status: string; message: string }>(
      'POST',
      `/storm/parser/${enabled ? 'activate' : 'deactivate'}/${enc(sensor)}`,
    ),
  availableParsers: () => request<Record<string, string>>('GET', '/sensor/parser/config/list/available'),

  /** The saved document, or null when there is none (404). */
  async read(kind: Kind, sensor?: string): Promise<Doc | null> {
    try {
      return await request<Doc>('GET', docPath(kind, sensor));
    } catch (e) {
      if ((e as { status?: number }).status === 404) return null;
      throw e;
    }
  },
  save: (kind: Kind, doc: Doc, sensor?: string) => request<Doc>('POST', docPath(kind, sensor), doc),
  validate: (body: {
    sensor?: string;
    sensorParserConfig?: Doc;
    sensorEnrichmentConfig?: Doc;
    sensorIndexingConfig?: Doc;
    globalConfig?: Doc;
  }) => request<{ valid: boolean; problems: Problem[] }>('POST', '/sensor/config/validate', body),
  test: (sensor: string, sensorParserConfig: Doc, sensorEnrichmentConfig: Doc | undefined, sampleData: string[]) =>
    request<TestResult>('POST', '/sensor/test', {
      sensor,
      sensorParserConfig,
      sensorEnrichmentConfig,
      sampleData,
    }),
  samples: (topic: string, count: number) =>
    request<string[]>('GET', `/kafka/topic/${enc(topic)}/samples?count=${count}`),

  functions: () => request<FunctionDescription[]>('GET', '/stellar/list/functions'),
  validateRules: (rules: string[]) => request<Record<string, boolean>>('POST', '/stellar/validate/rules', rules),
  applyTransformations: (sensorParserConfig: Doc, sampleData: Doc) =>
    request<Doc>('POST', '/stellar/apply/transformations', { sensorParserConfig, sampleData }),
  latestMessage: async (sensor: string): Promise<Doc | null> => {
    const r = await request<{ results: { source: Doc }[] }>('POST', '/search/search', {
      indices: [],
      query: `source.type:"${sensor}"`,
      from: 0,
      size: 1,
      sort: [{ field: 'timestamp', sortOrder: 'desc' }],
      facetFields: [],
    });
    return r.results[0]?.source ?? null;
  },

  loadTable: (extractorConfig: Doc, content: string, name: string) =>
    request<LoadJob>('POST', '/sensor/enrichment/table/load', { extractorConfig, content, name }),
  loadJob: (id: string) => request<LoadJob>('GET', `/sensor/enrichment/table/load/${enc(id)}`),
  rows: (type: string, indicator: string, limit = 50) =>
    request<TableRow[]>('GET', `/sensor/enrichment/table/${enc(type)}?indicator=${enc(indicator)}&limit=${limit}`),

  grokValidate: (v: GrokValidation) => request<GrokValidation>('POST', '/grok/validate', v),
  grokStatement: (path: string) => request<string>('GET', `/grok/get/statement?path=${enc(path)}`),
};
