#!/usr/bin/env node
// The JavaScript entry npx needs. Node 24 runs the TypeScript sources directly (type
// stripping); under an older node, hand over to scripts/node24.sh, which brings Node 24.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const major = Number(process.versions.node.split('.')[0]);
if (major >= 24) {
  await import('../scripts/tierpress.ts');
} else {
  const script = (path) => fileURLToPath(new URL(path, import.meta.url));
  const result = spawnSync(script('../scripts/node24.sh'), [script('../scripts/tierpress.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exitCode = result.status ?? 1;
}
