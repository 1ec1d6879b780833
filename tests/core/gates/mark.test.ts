import { describe, expect, it } from 'vitest';
import { fillMarks, findMarks, hasMark, MARK_PLACEHOLDER, splitAtMarks } from '../../../src/core/gates/mark.ts';

const TEXT = 'curl -A {{mark}} then {{ Mark }} and {{MARK}}, not {mark} or {{marks}}';

describe('the mark placeholder', () => {
  it('is found as written, near misses included, and nothing else', () => {
    expect(findMarks(TEXT)).toEqual([MARK_PLACEHOLDER, '{{ Mark }}', '{{MARK}}']);
    expect(findMarks('{mark} {{marks}} {{ mark }')).toEqual([]);
  });

  it('is seen by hasMark on every call: the shared pattern keeps no state between texts', () => {
    for (let i = 0; i < 3; i++) expect([hasMark('x {{mark}}'), hasMark('{{mark}}'), hasMark('none')]).toEqual([true, true, false]);
  });

  it('cuts a text into the pieces between placeholders', () => {
    expect(splitAtMarks(TEXT)).toEqual(['curl -A ', ' then ', ' and ', ', not {mark} or {{marks}}']);
  });

  it('is filled in everywhere, with the mark taken as it is', () => {
    expect(fillMarks(TEXT, 'tp-$&x')).toBe('curl -A tp-$&x then tp-$&x and tp-$&x, not {mark} or {{marks}}');
    expect(fillMarks('no placeholder', 'tp-x')).toBe('no placeholder');
  });
});
