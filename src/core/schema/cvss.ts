import cvssCalculator from 'ae-cvss-calculator';
import { z } from 'zod';

// The package is CommonJS; its named exports are reached through the default import.
const { fromVector } = cvssCalculator;

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
        message: `the score ${entry.score} does not match ${scored.score}, computed from the vector`,
        input: entry.score,
      });
      return z.NEVER;
    }
    return scored;
  });
