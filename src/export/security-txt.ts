import { formatInstant } from '../core/schema/fields.ts';
import { bundleUrl, type ExportContext } from './context.ts';
import { PROVIDER_METADATA, SECURITY_TXT } from './csaf/names.ts';

/**
 * How long a security.txt stays valid after the build instant: RFC 9116
 * recommends less than a year, so a site that is not rebuilt within it says
 * its contact may be stale rather than vouching for it indefinitely.
 */
export const SECURITY_TXT_DAYS = 364;

/**
 * `/.well-known/security.txt` (RFC 9116) of the public bundle: the
 * publisher's contact, an expiry a fixed time after the build instant (so a
 * build is reproducible), the CSAF provider metadata (CSAF 2.0 §7.1.8) and
 * its own canonical URL. Undefined without a contact, which RFC 9116 requires.
 */
export function securityTxt(context: Pick<ExportContext, 'site' | 'at' | 'baseUrl'>): string | undefined {
  const fields = securityTxtFields(context, securityTxtExpires(context.at));
  return fields && [...fields, ''].join('\n');
}

/** The instant a security.txt built at `at` expires, as its Expires field writes it. */
export function securityTxtExpires(at: string): string {
  return formatInstant(Date.parse(at) + SECURITY_TXT_DAYS * 86_400_000);
}

/**
 * The fields of security.txt as lines, in order; without `expires`, the
 * lines every build of the bundle writes whatever its instant (the audit's
 * vocabulary). Undefined without a contact.
 */
export function securityTxtFields(context: Pick<ExportContext, 'site' | 'baseUrl'>, expires?: string): string[] | undefined {
  const { contact } = context.site.publisher;
  if (!contact) return undefined;
  return [
    `Contact: ${contact}`,
    ...(expires === undefined ? [] : [`Expires: ${expires}`]),
    `CSAF: ${bundleUrl(context, PROVIDER_METADATA)}`,
    `Canonical: ${bundleUrl(context, SECURITY_TXT)}`,
    'Preferred-Languages: en',
  ];
}
