#!/usr/bin/env node
// Node 24 runs the TypeScript sources directly (type stripping); this file only gives npx a JavaScript entry.
await import('../scripts/tierpress.ts');
