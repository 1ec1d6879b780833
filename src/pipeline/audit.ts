import { performance } from 'node:perf_hooks';
import { auditBundle, type AuditPlan, type AuditResult, type Finding } from '../audit/audit.ts';
import { auditPlan } from '../audit/plan.ts';
import { ALLOW_HINT, explainFinding } from '../audit/report.ts';
import type { ViewProjection } from '../core/project/summary.ts';
import type { Content } from '../core/validate/content.ts';
import { BuildError } from './errors.ts';
import type { Job } from './plan.ts';

/** A render that passed its audit: the plan it was held to, what the audit read, and its cost. */
export interface Audited {
  plan: AuditPlan;
  result: AuditResult;
  seconds: number;
  /** The positive control, when this render ran it. */
  control?: { found: number; expected: number };
}

/**
 * Stage audit, for one render: every byte decoded and matched against
 * fingerprints of what the view may not see, and the layout checked. Any
 * finding stops the build. On the most trusted render (`lowest` given), the
 * positive control must find what this view sees beyond the lowest view,
 * or the scanner is blind and the build stops too.
 */
export async function auditRender(dir: string, content: Content, job: Job, runtime: ReadonlyMap<string, string>, label: string, lowest?: ViewProjection): Promise<Audited> {
  const started = performance.now();
  const plan = auditPlan(content, job.projection, runtime, lowest, job.baseUrl);
  const result = await auditBundle(dir, plan, { render: true });
  await failOn(label, result.findings);
  if (plan.entitled.size > 0 && result.control.found === 0) {
    throw new BuildError(`[${label}] the audit's positive control found none of the ${result.control.expected} passages this view is entitled to: the scanner cannot be trusted`);
  }
  return { plan, result, seconds: (performance.now() - started) / 1000, ...(plan.entitled.size > 0 ? { control: result.control } : {}) };
}

/** Fails the build on any finding, each shown where its words are in the source and in the output. */
export async function failOn(name: string, findings: readonly Finding[]): Promise<void> {
  if (findings.length === 0) return;
  const explained = await Promise.all(findings.map(async (finding) => `  ${await explainFinding(finding)}`));
  const hint = findings.some((finding) => finding.source) ? `\n${ALLOW_HINT}` : '';
  throw new BuildError(`[${name}] the audit found ${findings.length} thing${findings.length === 1 ? '' : 's'} this view may not have:\n${explained.join('\n')}${hint}`);
}
