// Counts the CSAF validator's optional-test warnings over every CSAF document of a build:
// scripts/node24.sh scripts/csaf-warnings.ts DIST [--list]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as optional from '@secvisogram/csaf-validator-lib/optionalTests.js';
import validateStrict, { type DocumentTest } from '@secvisogram/csaf-validator-lib/validateStrict.js';

const [dist, flag] = process.argv.slice(2);
if (!dist) throw new Error('usage: csaf-warnings.ts DIST [--list]');
const documents = readdirSync(dist, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && /\/\.well-known\/csaf\/[a-z]+\/\d{4}\/[^/]+\.json$/.test(join(entry.parentPath, entry.name)))
  .map((entry) => join(entry.parentPath, entry.name))
  .sort();
const byTest = new Map<string, number>();
let total = 0;
for (const path of documents) {
  const result = await validateStrict(Object.values(optional) as DocumentTest[], JSON.parse(readFileSync(path, 'utf8')));
  for (const test of result.tests) {
    for (const warning of [...test.warnings, ...test.errors]) {
      total += 1;
      byTest.set(test.name, (byTest.get(test.name) ?? 0) + 1);
      if (flag === '--list') console.log(`${path.slice(dist.length + 1)} ${test.name} ${warning.instancePath}: ${warning.message}`);
    }
  }
}
for (const [name, count] of [...byTest].sort()) console.log(`${name}\t${count}`);
console.log(`${total} optional-test warnings in ${documents.length} documents`);
