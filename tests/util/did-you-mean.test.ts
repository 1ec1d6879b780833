import { describe, expect, it } from 'vitest';
import { didYouMean } from '../../src/util/did-you-mean.ts';

describe('didYouMean', () => {
  const keys = ['id', 'title', 'summary', 'severity', 'release', 'references', 'revisions'];

  it('finds the nearest key within two edits, a letter left out, doubled, swapped or wrong', () => {
    expect(didYouMean('sumary', keys)).toBe('summary');
    expect(didYouMean('severty', keys)).toBe('severity');
    expect(didYouMean('relaese', keys)).toBe('release');
    expect(didYouMean('Title', keys)).toBe('title');
    expect(didYouMean('tire', ['tier', 'partner'])).toBe('tier');
  });

  it('suggests nothing further away, nor for short words more than one edit away', () => {
    expect(didYouMean('flavour', keys)).toBeUndefined();
    expect(didYouMean('xy', keys)).toBeUndefined();
    expect(didYouMean('ix', keys)).toBe('id');
  });

  it('takes the nearest, and the earlier candidate of equally near ones', () => {
    expect(didYouMean('revision', keys)).toBe('revisions');
    expect(didYouMean('ab', ['aa', 'bb'])).toBe('aa');
  });
});
