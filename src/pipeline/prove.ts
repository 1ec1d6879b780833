import { performance } from 'node:perf_hooks';
import { proveProjection } from '../core/proof/prove.ts';
import type { Content } from '../core/validate/content.ts';
import { BuildError } from './errors.ts';
import type { Job } from './plan.ts';

/**
 * Stage prove: each view re-derived from the source text (hidden gates cut
 * out of the Markdown, then parsed again) must equal its projection; any
 * difference stops the build, naming the file, advisory, view and node.
 */
export function proveRenders(content: Content, jobs: readonly Job[], log: (line: string) => void): void {
  const started = performance.now();
  const unproven = proveProjection(content, jobs.map((job) => job.projection));
  if (unproven.length > 0) {
    throw new BuildError(
      `the projection proof failed: what a view gets differs from its derivation from the source text\n${unproven
        .map((failure) => `  ${failure.file}: ${failure.advisory} for ${failure.view}: ${failure.difference}`)
        .join('\n')}`,
    );
  }
  const seconds = (performance.now() - started) / 1000;
  log(`projection proof: ${jobs.length} view${jobs.length === 1 ? '' : 's'} derived again from the source text, all equal (${seconds.toFixed(1)} s)`);
}
