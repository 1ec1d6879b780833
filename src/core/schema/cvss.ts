import cvssCalculator from 'ae-cvss-calculator';
import { z } from 'zod';

// The package is CommonJS; its named exports are reached through the default import.
const { fromVector, Cvss2, Cvss3P0, Cvss3P1, Cvss4P0 } = cvssCalculator;

export const CVSS_VERSIONS = ['2.0', '3.0', '3.1', '4.0'] as const;
export type CvssVersion = (typeof CVSS_VERSIONS)[number];

/** Qualitative severity ratings, from none to critical. */
export const SEVERITIES = ['none', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One metric of a vector, as the breakdown on an advisory page shows it. */
export interface CvssMetric {
  key: string;
  name: string;
  value: string;
  valueName: string;
}

/** A vector checked and scored by the calculator. */
export interface ScoredVector {
  version: CvssVersion;
  vector: string;
  score: number;
  severity: Severity;
  metrics: CvssMetric[];
}

const PREFIX: Record<string, CvssVersion> = { 'CVSS:3.0': '3.0', 'CVSS:3.1': '3.1', 'CVSS:4.0': '4.0' };

/** What a vector of one version may say about one metric. */
interface MetricRule {
  name: string;
  /** Whether it is a base metric, which every vector must give. */
  base: boolean;
  /** The values the specification defines for it, in the calculator's order. */
  values: string[];
}

/**
 * The metrics of each version, from the calculator's own definitions. A base
 * metric cannot be Not Defined (`X`, `ND` in 2.0), and values the calculator
 * hides are not the metric's own: `S` (Safety) is listed for SC, SI and SA
 * but the specification allows it only for MSI and MSA.
 */
const METRICS: Record<CvssVersion, Map<string, MetricRule>> = (() => {
  type Component = { name: string; shortName: string; subCategory?: string; values: Array<{ shortName: string; hide?: boolean }> };
  // 4.0 names SI just "Integrity" under "Subsequent System Impact"; the specification says "Subsequent System Integrity Impact".
  const nameOf = (component: Component) => {
    const system = /^(.+) Impact$/.exec(component.subCategory ?? '')?.[1];
    return system ? `${system} ${component.name} Impact` : component.name;
  };
  const of = (vector: { getRegisteredComponents(): Map<{ name: string }, Component[]> }) => {
    const rules = new Map<string, MetricRule>();
    for (const [category, components] of vector.getRegisteredComponents()) {
      const base = category.name === 'base';
      for (const component of components) {
        const values = component.values.filter((value) => !value.hide && !(base && (value.shortName === 'X' || value.shortName === 'ND')));
        rules.set(component.shortName, { name: nameOf(component), base, values: values.map((value) => value.shortName) });
      }
    }
    return rules;
  };
  return { '2.0': of(new Cvss2()), '3.0': of(new Cvss3P0()), '3.1': of(new Cvss3P1()), '4.0': of(new Cvss4P0()) };
})();

/** `H, L or N` */
function either(values: readonly string[]): string {
  return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}

/** Why a metric written in a vector of `version` is not one it defines, with what it does define; undefined when it is. */
function metricProblem(version: CvssVersion, key: string, value: string): string | undefined {
  const rules = METRICS[version];
  const rule = rules.get(key);
  if (!rule) return `has the metric ${key}, which CVSS ${version} does not define (its metrics are ${[...rules.keys()].join(', ')})`;
  if (rule.values.includes(value)) return undefined;
  const notDefined = value === (version === '2.0' ? 'ND' : 'X');
  const why = rule.base && notDefined
    ? ` (a base metric cannot be ${value}, Not Defined)`
    : !notDefined && rules.get(`M${key}`)?.values.includes(value) ? `; ${value} is valid only for the modified metric M${key}` : '';
  return `has ${key}:${value}, but ${rule.base ? 'the base metric ' : ''}${key} (${rule.name}) takes ${either(rule.values)}${why}`;
}

/**
 * Parses and scores a CVSS 2.0, 3.0, 3.1 or 4.0 vector. The calculator is
 * lenient (it fills missing metrics, takes the last of duplicates), so every
 * metric written must be one it understood, once, and the base must be complete.
 * The score is the base score for 2.0 and 3.x and the CVSS-B/BT/BE/BTE score for 4.0.
 */
export function scoreVector(vector: string): ScoredVector | string {
  if (!/^(CVSS:\d\.\d\/)?[A-Za-z]+:[A-Za-z]+(\/[A-Za-z]+:[A-Za-z]+)*$/.test(vector)) {
    return 'is not a CVSS vector (expected metrics like CVSS:3.1/AV:N/AC:L/...)';
  }
  const [head] = vector.split('/');
  const version: CvssVersion | undefined = head?.startsWith('CVSS:') ? PREFIX[head] : '2.0';
  if (!version) return `has an unsupported version ${head}; use 2.0, 3.0, 3.1 or 4.0`;
  const parts = vector.split('/').slice(version === '2.0' ? 0 : 1).map((part) => part.split(':') as [string, string]);
  const seen = new Set<string>();
  for (const [key] of parts) {
    if (seen.has(key)) return `names the metric ${key} twice`;
    seen.add(key);
  }
  for (const [key, value] of parts) {
    const problem = metricProblem(version, key, value);
    if (problem) return problem;
  }
  const missing = [...METRICS[version]].filter(([key, rule]) => rule.base && !seen.has(key));
  if (missing.length > 0) {
    const list = missing.map(([key, rule]) => `${key} (${rule.name}: ${either(rule.values)})`);
    return `lacks the base metric${missing.length > 1 ? 's' : ''} ${list.join('; ')}`;
  }
  const parsed = fromVector(vector);
  if (!parsed) return 'has a metric or value the CVSS specification does not define';
  if (!parsed.isBaseFullyDefined()) return 'lacks one or more base metrics';
  const understood = new Map<string, CvssMetric>();
  for (const [component, value] of parsed.getComponents()) {
    understood.set(component.shortName, {
      key: component.shortName,
      name: component.name,
      value: value.shortName,
      valueName: value.name,
    });
  }
  const metrics: CvssMetric[] = [];
  for (const [key, value] of parts) {
    const metric = understood.get(key);
    if (!metric || metric.value !== value) return `has the metric ${key}:${value}, which the calculator does not read as written`;
    metrics.push(metric);
  }
  const scores = parsed.calculateScores() as { base?: number; overall: number };
  const score = version === '4.0' ? scores.overall : scores.base;
  if (typeof score !== 'number' || !Number.isFinite(score)) return 'could not be scored';
  return { version, vector, score, severity: ratingOf(score, version), metrics };
}

/** The qualitative rating of a score: CVSS v3/v4 bands, or NVD's bands for v2, which has no critical. */
export function ratingOf(score: number, version: CvssVersion): Severity {
  if (version === '2.0') return score >= 7 ? 'high' : score >= 4 ? 'medium' : 'low';
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}

/** A `cvss` entry: the vector as written, an optional score that must equal the computed one. */
export const CvssEntry = z
  .strictObject({
    vector: z.string({ error: 'expected a CVSS vector' }),
    score: z.number({ error: 'expected a number from 0 to 10' }).min(0).max(10).optional(),
  })
  .transform((entry, ctx): ScoredVector => {
    const scored = scoreVector(entry.vector);
    if (typeof scored === 'string') {
      ctx.addIssue({ code: 'custom', path: ['vector'], message: `the vector ${scored}`, input: entry.vector });
      return z.NEVER;
    }
    if (entry.score !== undefined && Math.round(entry.score * 10) !== Math.round(scored.score * 10)) {
      ctx.addIssue({
        code: 'custom',
        path: ['score'],
        message: `the vector scores ${scored.score}, not ${entry.score}; write ${scored.score} or leave the score out (it is computed from the vector)`,
        input: entry.score,
        params: { shown: true },
      });
      return z.NEVER;
    }
    return scored;
  });
