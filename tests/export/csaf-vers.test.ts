import { describe, expect, it } from 'vitest';
import { readVersionText, versType } from '../../src/export/csaf/vers.ts';

describe('version texts in the vers form (CSAF product_version_range names)', () => {
  it('takes the vers type from the purl type where vers defines one, else generic', () => {
    expect(['cargo', 'npm', 'pypi', 'maven', 'golang', 'gem', 'nuget', 'composer', 'deb', 'rpm'].map(versType)).toEqual([
      'cargo', 'npm', 'pypi', 'maven', 'golang', 'gem', 'nuget', 'composer', 'deb', 'rpm',
    ]);
    expect([versType('generic'), versType('github'), versType('constructor'), versType(undefined)]).toEqual(['generic', 'generic', 'generic', 'generic']);
  });

  it.each([
    ['*', 'vers:all/*'],
    [' * ', 'vers:all/*'],
    ['< 2.0', 'vers:npm/<2.0'],
    ['<=2.0', 'vers:npm/<=2.0'],
    ['> 1.0', 'vers:npm/>1.0'],
    ['>= 1.0', 'vers:npm/>=1.0'],
    ['>= 3.0.0, < 3.4.2', 'vers:npm/>=3.0.0|<3.4.2'],
    ['> 3.0.0, <= 3.4.2', 'vers:npm/>3.0.0|<=3.4.2'],
    ['< 3.4.2, >= 3.0.0', 'vers:npm/>=3.0.0|<3.4.2'],
    ['>= 1.0.0-rc.1, < 1.0.0', 'vers:npm/>=1.0.0-rc.1|<1.0.0'],
    ['< 1.0%', 'vers:npm/<1.0%25'],
    ['< 1!2.0', 'vers:npm/<1%212.0'],
    ['>= 1:2.3~rc1-1', 'vers:npm/>=1:2.3~rc1-1'],
  ])('%s is %s', (text, vers) => {
    expect(readVersionText(text, 'npm')).toEqual({ kind: 'range', vers });
  });

  it('single versions, bare or with =, alone or comma-separated, are versions to enumerate', () => {
    expect(readVersionText('1.2.3', 'npm')).toEqual({ kind: 'versions', versions: ['1.2.3'] });
    expect(readVersionText('= 1.2.3', 'npm')).toEqual({ kind: 'versions', versions: ['1.2.3'] });
    expect(readVersionText('= 1.2.3, 1.2.4, =1.2.3', 'npm')).toEqual({ kind: 'versions', versions: ['1.2.3', '1.2.4'] });
    expect(readVersionText('== 4.2.1, == 4.2.2', 'npm')).toEqual({ kind: 'versions', versions: ['4.2.1', '4.2.2'] });
  });

  it.each([
    'service versions before 2024-05-07',
    'before 2.0',
    '!= 1.2',
    '>= 1.0, >= 2.0',
    '< 1.0, < 2.0',
    '>= 1.0, < 2.0, >= 3.0',
    '>= 2.0, < 1.0',
    '>= 2.0, < 2.0.0',
    '< 2.0, = 1.0',
    '<',
    '>= 1.0,',
    '< 2.0 beta',
    '< 2.0\u00e9',
    '',
    '^1.2',
    '~1.2.3',
    '1.2.*',
  ])('%j is left as text', (text) => {
    expect(readVersionText(text, 'generic')).toEqual({ kind: 'text' });
  });
});
