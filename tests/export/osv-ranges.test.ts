import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { affectedVersions, readAffected } from '../../src/export/osv-affected.ts';
import { dottedOrder } from '../../src/export/osv-ecosystem-range.ts';
import { successor } from '../../src/export/osv-semver-range.ts';

const from = (introduced: string, end?: { fixed: string } | { last_affected: string }) => ({ events: [{ introduced }, ...(end ? [end] : [])] });
const fixed = (version: string) => ({ fixed: version });
const last = (version: string) => ({ last_affected: version });

describe('SEMVER ecosystems (crates.io, npm, Go, Hex): exact intervals by SemVer precedence', () => {
  it.each([
    ['*', from('0')],
    ['< 0.10.2', from('0', fixed('0.10.2'))],
    ['<= 1.27.0', from('0', last('1.27.0'))],
    ['>= 0.2.5, < 1.0.1', from('0.2.5', fixed('1.0.1'))],
    ['>= 1.34.0, <= 1.34.1', from('1.34.0', last('1.34.1'))],
    ['>= 0.45.0-alpha.1, < 0.45.0-alpha.6', from('0.45.0-alpha.1', fixed('0.45.0-alpha.6'))],
    ['< 2.0, >= 1.0', from('1.0.0-0', fixed('2.0.0-0'))],
    // Exclusive lower bounds: the least version above, so no event is lost and none is added.
    ['> 3.5.0, < 3.6.0', from('3.5.1-0', fixed('3.6.0'))],
    ['> 0.1.37, < 0.1.40', from('0.1.38-0', fixed('0.1.40'))],
    ['> 1.2.3', from('1.2.4-0')],
    ['> 1.2.3-alpha', from('1.2.3-alpha.0')],
    ['> 1.2.3-alpha.1, <= 1.2.3', from('1.2.3-alpha.1.0', last('1.2.3'))],
    ['> 1.2.3, <= 1.2.4-0', from('1.2.4-0', last('1.2.4-0'))],
    ['> 1.2.3+build.7', from('1.2.4-0')],
    // Partial versions are their whole series, pre-releases included (Cargo's and npm's X-ranges).
    ['>= 1.2, < 1.4', from('1.2.0-0', fixed('1.4.0-0'))],
    ['< 2.0', from('0', fixed('2.0.0-0'))],
    ['<= 1.2', from('0', fixed('1.3.0-0'))],
    ['> 1.2', from('1.3.0-0')],
    ['> 1', from('2.0.0-0')],
    ['= 1.2', from('1.2.0-0', fixed('1.3.0-0'))],
    ['1', from('1.0.0-0', fixed('2.0.0-0'))],
    // Cargo's caret and tilde, as RustSec writes them.
    ['^1.2', from('1.2.0-0', fixed('2.0.0-0'))],
    ['^1.2.3', from('1.2.3', fixed('2.0.0-0'))],
    ['^0.2.3', from('0.2.3', fixed('0.3.0-0'))],
    ['^0.0.3', from('0.0.3', fixed('0.0.4-0'))],
    ['^0.0', from('0', fixed('0.1.0-0'))],
    ['~1.2.3', from('1.2.3', fixed('1.3.0-0'))],
    ['~1', from('1.0.0-0', fixed('2.0.0-0'))],
    // Go writes a v; OSV's SEMVER versions have none.
    ['>= v1.2.3, < v1.4.0', from('1.2.3', fixed('1.4.0'))],
  ])('%j', (text, expected) => {
    expect(readAffected(text, 'SEMVER')).toEqual(expected);
  });

  it.each([
    ['= 4.2.1', ['4.2.1']],
    ['4.2.1', ['4.2.1']],
    ['== 4.2.1', ['4.2.1']],
    ['v1.20.7', ['1.20.7']],
    ['= 1.0.0-rc.1+build.5', ['1.0.0-rc.1+build.5']],
    ['= 4.2.1, 4.2.2', ['4.2.1', '4.2.2']],
  ])('the exact version %j is listed in versions as %j', (text, versions) => {
    expect(readAffected(text, 'SEMVER')).toEqual({ versions });
  });

  it.each([
    ['> 1.0, < 0.5', 'empty'],
    ['>= 1.0.0, < 1.0.0', 'empty'],
    ['> 1.0.0, <= 1.0.0', 'empty'],
    ['> 1.2.3, < 1.2.4-0', 'empty: nothing lies between'],
    ['< 0.0.0-0', 'empty: below the least version'],
    ['^0.0.0-0, < 0.0.0-0', 'not a shape'],
    ['>= 2.0, >= 3.0', 'two lower bounds'],
    ['>= 01.2.3', 'a leading zero is not SemVer'],
    ['< 1.2.3.4', 'four numbers are not SemVer'],
    ['>= 1.2.x', 'no wildcards'],
    ['= latest', 'a word'],
    ['< 1.2.3-', 'an empty pre-release'],
    ['> 1.2.9007199254740991', 'no next patch number'],
    ['< 99999999999999999999.0.0', 'past the largest number'],
    ['~> 1.2', 'an unknown operator'],
    ['>= 1.0 || < 0.5', 'alternatives'],
    ['1.2, 1.4', 'several series'],
    ['4.2.1, latest', 'a word among versions'],
  ])('%j keeps its text only (%s) and does not throw', (text) => {
    expect(readAffected(text, 'SEMVER')).toBeUndefined();
  });
});

describe('successor: the least SemVer version above another', () => {
  it.each([
    ['1.2.3', '1.2.4-0'],
    ['0.0.0', '0.0.1-0'],
    ['1.2.3-alpha', '1.2.3-alpha.0'],
    ['1.2.3-0', '1.2.3-0.0'],
    ['1.2.3-alpha.9', '1.2.3-alpha.9.0'],
    ['1.2.3+build', '1.2.4-0'],
  ])('of %s is %s', (version, next) => {
    expect(successor(new semver.SemVer(version))?.version).toBe(next);
  });

  // Precedence (SemVer 2.0 §11) says nothing lies between v and successor(v); these probes are the candidates nearest each side.
  it.each(['1.2.3', '1.2.3-alpha', '1.2.3-0', '1.2.3-alpha.1', '0.0.0-0'])('nothing lies strictly between %s and its successor', (version) => {
    const low = new semver.SemVer(version);
    const high = successor(low)!;
    const probes = [
      '1.2.3', '1.2.3+b', '1.2.4-0', '1.2.4-0.0', '1.2.4-00a', '1.2.4--', '1.2.4-a', '1.2.3-alpha.0', '1.2.3-alpha.-', '1.2.3-alpha0', '1.2.3-alpha.0.0',
      '1.2.3-alpha.1', '1.2.3-alpha.1.0', '1.2.3-0.0', '1.2.3-1', '1.2.3-0.a', '1.2.3-00', '1.2.3--', '0.0.0-0.0', '0.0.0-1', '0.0.0', '0.0.1-0',
    ].filter((probe) => semver.valid(probe));
    expect(probes.filter((probe) => semver.gt(probe, low) && semver.lt(probe, high))).toEqual([]);
    expect(semver.gt(high, low)).toBe(true);
  });

  it('is null past the largest patch number', () => {
    expect(successor(new semver.SemVer(`1.2.${Number.MAX_SAFE_INTEGER}`))).toBeNull();
  });
});

describe('ECOSYSTEM ecosystems (PyPI, Maven, NuGet, RubyGems, Packagist, …): versions as written', () => {
  it.each([
    ['*', from('0')],
    ['< 2.0', from('0', fixed('2.0'))],
    ['<= 1.2', from('0', last('1.2'))],
    ['>= 1.2', from('1.2')],
    ['>= 1.2, < 1.4', from('1.2', fixed('1.4'))],
    ['>= 16.0.10800.0, < 16.0.10930.20011', from('16.0.10800.0', fixed('16.0.10930.20011'))],
    ['>= 1.9, < 1.10', from('1.9', fixed('1.10'))],
    ['>= 2.0rc1, <= 2.0rc1', from('2.0rc1', last('2.0rc1'))],
    ['< 2.0.0rc1', from('0', fixed('2.0.0rc1'))],
  ])('%j', (text, expected) => {
    expect(readAffected(text, 'ECOSYSTEM')).toEqual(expected);
  });

  it.each([
    ['= 3.9.0', ['3.9.0']],
    ['3.9.0', ['3.9.0']],
    ['== 1!2.0.post1', ['1!2.0.post1']],
    ['3.9.0, = 3.9.1', ['3.9.0', '3.9.1']],
  ])('the exact version %j is listed in versions as %j', (text, versions) => {
    expect(readAffected(text, 'ECOSYSTEM')).toEqual({ versions });
  });

  it.each([
    ['> 3.5.0, < 3.6.0', 'no successor is known in an arbitrary ecosystem'],
    ['> 1.0', 'no successor is known in an arbitrary ecosystem'],
    ['^1.2', 'a caret means something else in each ecosystem'],
    ['~1.2', 'a tilde means something else in each ecosystem'],
    ['>= 1.0, < 0.5', 'empty'],
    ['>= 1.0, < 1.0', 'empty'],
    ['>= 1.0, < 1.0.0', 'equal in PyPI, not in Hackage'],
    ['>= 2.0rc1, < 2.0', 'the order of suffixes is each ecosystem\'s'],
    ['>= 2.0, >= 3.0', 'two lower bounds'],
    ['= latest', 'a word'],
    ['unknown', 'a word'],
    ['1.2.x', 'a wildcard'],
    ['>= 1.x', 'a wildcard'],
  ])('%j keeps its text only (%s)', (text) => {
    expect(readAffected(text, 'ECOSYSTEM')).toBeUndefined();
  });

  it.each([
    ['1.2', '1.10', -1],
    ['1.10', '1.9', 1],
    ['2', '1.99.99', 1],
    ['1.0', '1.0.1', -1],
    ['1.0', '1.0', 0],
    ['18446744073709551616.0', '18446744073709551615.9', 1],
  ])('dottedOrder(%s, %s) is %i', (a, b, order) => {
    expect(dottedOrder(a, b)).toBe(order);
  });

  it.each([
    ['1.0', '1.0.0'],
    ['01', '1'],
    ['1.0a', '1.0b'],
    ['', '1'],
  ])('dottedOrder(%j, %j) is unknown', (a, b) => {
    expect(dottedOrder(a, b)).toBeUndefined();
  });
});

describe('a product: every text read, or none', () => {
  it('one range per interval, exact versions together, in the order written', () => {
    expect(affectedVersions(['< 0.6.3', '= 0.7.1', '>= 0.7.5, < 0.8.0', '0.7.1', '= 0.7.3'], 'SEMVER')).toEqual({
      ranges: [
        { type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '0.6.3' }] },
        { type: 'SEMVER', events: [{ introduced: '0.7.5' }, { fixed: '0.8.0' }] },
      ],
      versions: ['0.7.1', '0.7.3'],
    });
  });

  it('one text it cannot read leaves the whole product as text: OSV takes the ranges as the whole affected set', () => {
    expect(affectedVersions(['< 0.6.3', 'every build before 2026-05-05'], 'SEMVER')).toBeUndefined();
    expect(affectedVersions(['< 3.0', '> 3.5.0, < 3.6.0'], 'ECOSYSTEM')).toBeUndefined();
  });
});
