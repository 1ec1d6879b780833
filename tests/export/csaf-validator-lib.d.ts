// Types for the modules of @secvisogram/csaf-validator-lib the tests use: the package ships JavaScript without declarations.

declare module '@secvisogram/csaf-validator-lib/validateStrict.js' {
  type Message = { message: string; instancePath: string };
  /** A test of the library, such as `mandatoryTest_6_1_11`; its name is the test's name. */
  export type DocumentTest = (doc: unknown) => unknown;
  /** Runs tests the library defines (and no others) on a document. */
  export default function validateStrict(
    tests: readonly DocumentTest[],
    doc: unknown,
  ): Promise<{ isValid: boolean; tests: Array<{ name: string; isValid: boolean; errors: Message[]; warnings: Message[]; infos: Message[] }> }>;
}

declare module '@secvisogram/csaf-validator-lib/schemaTests.js' {
  import type { DocumentTest } from '@secvisogram/csaf-validator-lib/validateStrict.js';
  /** The CSAF 2.0 JSON schema with `additionalProperties: false` everywhere. */
  export const csaf_2_0_strict: DocumentTest;
  export const csaf_2_0: DocumentTest;
}

// Every mandatory test (6.1.1 to 6.1.33) is a named export; the tests take them all.
declare module '@secvisogram/csaf-validator-lib/mandatoryTests.js';

declare module '@secvisogram/csaf-validator-lib/cwe.js' {
  /** The CWE catalogue mandatory test 6.1.11 checks names against. */
  export const weaknesses: ReadonlyArray<{ id: string; name: string }>;
}

// Every optional test (6.2.1 to 6.2.20) is a named export; their findings are warnings.
declare module '@secvisogram/csaf-validator-lib/optionalTests.js';

declare module '@secvisogram/csaf-validator-lib/lib/shared/csafAjv.js' {
  import type { Ajv2020 } from 'ajv/dist/2020.js';
  /** The library's ajv, holding the CSAF 2.0 schema and the CVSS schemas it refers to. */
  const csafAjv: Ajv2020;
  export default csafAjv;
}
