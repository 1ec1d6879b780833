import { describe, expect, it } from 'vitest';
import { checkReferences, type Definitions } from '../../../src/core/gates/references.ts';
import { OPEN, type Clearance } from '../../../src/core/gates/types.ts';
import { frontmatter, problemsOf } from '../../helpers/content.ts';

const at = (line: number) => ({ start: { line, column: 1, offset: line * 10 }, end: { line, column: 2, offset: line * 10 + 1 } });
const POC: Clearance = { rank: 2, classes: ['poc'] };

describe('references scale with repeated definitions', () => {
  // Quadratic before: each definition copied the list of every earlier one with its label,
  // and each reference walked every definition (53 s here). Now about 0.1 s; the timeout is
  // a generous bound that only the quadratic version reaches, not a benchmark.
  it('checks 35,000 definitions and 35,000 references of one label in linear time', { timeout: 15_000 }, () => {
    const n = 35_000;
    const found: Definitions = { links: [], footnotes: [], references: [], texts: [] };
    for (let i = 1; i <= n; i++) found.links.push({ identifier: 'a', clearance: OPEN, position: at(i) });
    found.links.push({ identifier: 'A', clearance: POC, position: at(n + 1) });
    for (let i = 1; i <= n; i++) found.references.push({ kind: 'link', identifier: 'a', label: 'a', clearance: OPEN, position: at(n + 1 + i) });
    const problems = checkReferences(found);
    expect(problems).toHaveLength(n);
    expect(problems[0]!.message).toMatch(new RegExp(`\\(line ${n + 1}\\) is gated more strictly`));
  });

  it('names the first stricter definition in document order', () => {
    const found: Definitions = {
      links: [
        { identifier: 'p', clearance: OPEN, position: at(1) },
        { identifier: 'p', clearance: OPEN, position: at(2) },
        { identifier: 'P', clearance: POC, position: at(3) },
        { identifier: 'p', clearance: { rank: 3, classes: ['internal'] }, position: at(4) },
        { identifier: 'p', clearance: POC, position: at(5) },
      ],
      footnotes: [],
      references: [{ kind: 'link', identifier: 'p', label: 'p', clearance: OPEN, position: at(9) }],
      texts: [],
    };
    expect(checkReferences(found).map((p) => p.message)).toEqual(['the definition [p] (line 3) is gated more strictly than this reference to it']);
  });

  it('a body of 35,000 copies of one definition validates', () => {
    const body = '[a]: https://example.com/\n'.repeat(35_000);
    expect(problemsOf(`${frontmatter()}\n${body}`)).toEqual([]);
  });
});
