import csafAjv from '@secvisogram/csaf-validator-lib/lib/shared/csafAjv.js';
import * as mandatory from '@secvisogram/csaf-validator-lib/mandatoryTests.js';
import * as optional from '@secvisogram/csaf-validator-lib/optionalTests.js';
import { csaf_2_0_strict } from '@secvisogram/csaf-validator-lib/schemaTests.js';
import validateStrict, { type DocumentTest } from '@secvisogram/csaf-validator-lib/validateStrict.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import providerSchema from '../fixtures/csaf-provider-schema.json' with { type: 'json' };
import osvSchema from '../fixtures/osv-schema.json' with { type: 'json' };

/** The strict CSAF 2.0 schema test and every mandatory test (6.1.1–6.1.33), run for real. */
export const CSAF_TESTS: DocumentTest[] = [csaf_2_0_strict, ...(Object.values(mandatory) as DocumentTest[])];

/** Every failure of the CSAF tests on a document, as `<test> <path>: <message>`; empty when it is valid. */
export async function csafProblems(document: unknown): Promise<string[]> {
  const result = await validateStrict(CSAF_TESTS, document);
  return result.tests.flatMap((test) => (test.isValid ? [] : test.errors.map((error) => `${test.name} ${error.instancePath}: ${error.message}`)));
}

/** The optional tests (6.2.1–6.2.20): what they find are warnings, not errors. */
export const CSAF_OPTIONAL_TESTS: DocumentTest[] = Object.values(optional) as DocumentTest[];

/** Every warning of the optional CSAF tests on a document, as `<test> <path>: <message>`. */
export async function csafWarnings(document: unknown): Promise<string[]> {
  const result = await validateStrict(CSAF_OPTIONAL_TESTS, document);
  return result.tests.flatMap((test) => [...test.errors, ...test.warnings].map((warning) => `${test.name} ${warning.instancePath}: ${warning.message}`));
}

// strictTypes off: the official schema leaves `type` implicit beside some keywords, which is valid JSON Schema.
const ajv = new Ajv2020({ allErrors: true, strictTypes: false });
addFormats.default(ajv);
const validateOsv = ajv.compile(osvSchema);

/** Every violation of the official OSV schema by a record; empty when it is valid. */
export function osvProblems(record: unknown): string[] {
  return validateOsv(record) ? [] : (validateOsv.errors ?? []).map((error) => `${error.instancePath} ${error.message} ${JSON.stringify(error.params)}`);
}

// The provider metadata schema takes the publisher from the CSAF document schema: compiled where the
// validator library keeps that schema (with the CVSS schemas it refers to), so the reference resolves.
const validateProvider = csafAjv.getSchema(providerSchema.$id) ?? csafAjv.compile(providerSchema);

/** Every violation of the CSAF 2.0 provider metadata schema by a `provider-metadata.json`; empty when it is valid. */
export function providerMetadataProblems(metadata: unknown): string[] {
  return validateProvider(metadata) ? [] : (validateProvider.errors ?? []).map((error) => `${error.instancePath} ${error.message} ${JSON.stringify(error.params)}`);
}
