import names from './cwe-names.json' with { type: 'json' };

const NAMES: Readonly<Record<string, string>> = names;

/**
 * A CWE as CSAF 2.0 writes it: the id with the weakness's name from the CWE
 * List, which mandatory test 6.1.11 checks. Undefined for an id the list does
 * not hold (a category, a view, a deprecated entry), which the caller states
 * in a note instead. `cwe-names.json` is the CWE List 4.17 (© The MITRE
 * Corporation, reproduced under the CWE terms of use) as the validator
 * `@secvisogram/csaf-validator-lib` 2.0.10 checks it; a test keeps the two equal.
 */
export function csafCwe(id: string): { id: string; name: string } | undefined {
  const name = Object.hasOwn(NAMES, id) ? NAMES[id] : undefined;
  return name === undefined ? undefined : { id, name };
}
