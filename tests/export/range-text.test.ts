// One grammar of version texts for every export: OSV reads its shapes as ranges of an ecosystem, CSAF writes them as vers.
import { describe, expect, it } from 'vitest';
import { readVersionText } from '../../src/export/csaf/vers.ts';
import { readAffected } from '../../src/export/osv-affected.ts';
import { numericOrder, rangeText } from '../../src/export/range-text.ts';
import { exampleContent, rustsecContent } from '../helpers/exports.ts';

describe('range texts: the shapes the advisory format accepts', () => {
  it.each([
    ['*', { kind: 'any' }],
    ['  *  ', { kind: 'any' }],
    ['= 1.2.3', { kind: 'exact', versions: ['1.2.3'] }],
    ['==1.2.3', { kind: 'exact', versions: ['1.2.3'] }],
    ['1.2.3', { kind: 'exact', versions: ['1.2.3'] }],
    ['= 1.2.3, 1.2.4, ==1.2.3', { kind: 'exact', versions: ['1.2.3', '1.2.4'] }],
    ['^1.2', { kind: 'caret', version: '1.2' }],
    ['~ 1.2.3', { kind: 'tilde', version: '1.2.3' }],
    ['< 2.0', { kind: 'bounds', upper: { version: '2.0', inclusive: false } }],
    ['>=1.0,<=1.2', { kind: 'bounds', lower: { version: '1.0', inclusive: true }, upper: { version: '1.2', inclusive: true } }],
    ['  >  3.5.0 ,   < 3.6.0  ', { kind: 'bounds', lower: { version: '3.5.0', inclusive: false }, upper: { version: '3.6.0', inclusive: false } }],
    ['< 2.0, >= 1.0', { kind: 'bounds', lower: { version: '1.0', inclusive: true }, upper: { version: '2.0', inclusive: false } }],
    // Versions of other schemes keep their own characters: PyPI's epoch, Debian's epoch and tilde, a reserved vers character.
    ['== 1!2.0.post1', { kind: 'exact', versions: ['1!2.0.post1'] }],
    ['< 1:2.3~rc1-1', { kind: 'bounds', upper: { version: '1:2.3~rc1-1', inclusive: false } }],
    ['< 1.0%', { kind: 'bounds', upper: { version: '1.0%', inclusive: false } }],
  ])('%j is %j', (text, shape) => {
    expect(rangeText(text)).toEqual(shape);
  });

  it.each([
    '',
    ' ',
    ',',
    '>=',
    '>= 1.0,',
    '>= 2.0, >= 3.0',
    '< 1.0, < 1.2',
    '>= 1.0, < 1.2, < 1.3',
    '^1.2, < 1.5',
    '= 1.2, < 1.5',
    '~> 1.2',
    '!= 1.2',
    '=> 1.2',
    '> = 1.2',
    '>= 1.0 || < 0.5',
    '1.2|1.3',
    '>= 1.0 < 2.0',
    '1.0 to 1.2',
    '1.0 - 1.2',
    '< 2.0 beta',
    '< 2.0\u00e9',
    'release pipeline before 2026-05-05',
    '*, < 2.0',
    '1.2.*',
  ])('%j is not a shape it reads (text only)', (text) => {
    expect(rangeText(text)).toBeUndefined();
  });

  it.each([
    ['1.2', '1.10', -1],
    ['2', '1.99.99', 1],
    ['1.0', '1.0.0', 0],
    ['18446744073709551616.0', '18446744073709551615.9', 1],
  ])('numericOrder(%s, %s) is %i', (a, b, order) => {
    expect(numericOrder(a, b)).toBe(order);
  });

  it.each([['1.0a', '1.0'], ['', '1'], ['v1', '1']])('numericOrder(%j, %j) is unknown', (a, b) => {
    expect(numericOrder(a, b)).toBeUndefined();
  });
});

describe('OSV and CSAF read the same texts', () => {
  /** Whether an OSV ecosystem of either range type reads the text, and whether CSAF gives it vers or versions. */
  const readBy = (text: string) => ({
    osv: readAffected(text, 'SEMVER') !== undefined || readAffected(text, 'ECOSYSTEM') !== undefined,
    csaf: readVersionText(text, 'generic').kind !== 'text',
  });

  it.each(['== 4.2.1', '= 4.2.1, 4.2.2', '>= 1.0.0-rc.1, < 1.0.0', '> 3.5.0, < 3.6.0', '== 1!2.0.post1', '*'])('%j is read by both', (text) => {
    expect(readBy(text)).toEqual({ osv: true, csaf: true });
  });

  it('a caret or tilde is read by OSV (Cargo\'s meaning) and left as text in CSAF, which vers cannot write', () => {
    expect([readBy('^1.2.3'), readBy('~1.2.3')]).toEqual([{ osv: true, csaf: false }, { osv: true, csaf: false }]);
    expect(readVersionText('~1.2.3', 'cargo')).toEqual({ kind: 'text' });
  });

  it('every affected and fixed text of the example content and the RustSec samples that OSV reads, CSAF writes as vers or versions', async () => {
    const texts = new Set<string>();
    for (const content of [await exampleContent(), await rustsecContent()]) {
      for (const advisory of content.advisories) {
        for (const product of advisory.fields.products) [...product.affected, ...(product.fixed ?? [])].forEach((text) => texts.add(text));
      }
    }
    const shapes = [...texts].map((text) => ({ text, shape: rangeText(text)?.kind }));
    const disagree = shapes.filter(({ text, shape }) => shape !== 'caret' && shape !== 'tilde' && readBy(text).osv && !readBy(text).csaf);
    expect(disagree).toEqual([]);
    // The corpus is not trivial: hundreds of texts, most of them ranges.
    expect(texts.size).toBeGreaterThan(100);
    expect(shapes.filter(({ shape }) => shape === 'bounds').length).toBeGreaterThan(50);
  });
});
