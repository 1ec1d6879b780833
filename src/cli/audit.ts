import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { auditBundle, formatFinding } from '../audit/audit.ts';
import { auditPlan } from '../audit/plan.ts';
import { ALLOW_HINT, explainFinding } from '../audit/report.ts';
import { projectAll } from '../core/project/summary.ts';
import { partnerView, viewKey } from '../core/project/partner-view.ts';
import { tierView, type View } from '../core/project/view.ts';
import { bundleBaseUrl } from '../core/schema/site.ts';
import { formatProblems } from '../core/validate/problem.ts';
import { pagefindRuntime } from '../index/pagefind.ts';
import { MANIFEST, type Manifest } from '../bundle/manifest.ts';
import { CSAF_ROOT } from '../export/csaf/names.ts';
import { publishedKeyFingerprint } from '../seal/openpgp.ts';
import { loadContent } from './check.ts';
import { parseAt, parseArguments, UsageError } from './usage.ts';

/** The options of `audit`, as its parser takes them. */
export const AUDIT_OPTIONS = {
  content: { type: 'string', default: 'content' },
  tier: { type: 'string' },
  partner: { type: 'string' },
  at: { type: 'string' },
  explain: { type: 'boolean', default: false },
} as const;

/**
 * `tierpress audit DIR`: re-audits a built bundle against the current
 * content, for the tier (or partner) and instant its manifest names, or
 * those given with --tier or --partner and --at. The manifest is taken as
 * the bundle says; check it first with `tierpress verify DIR --key PUB`.
 * With --explain, each finding shows its words in the advisory's source and
 * in the decoded output file, with their surroundings.
 */
export async function auditCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArguments(args, AUDIT_OPTIONS);
  if (positionals.length !== 1) throw new UsageError('audit takes exactly one bundle folder, e.g. npm run audit -- dist/public');
  if (values.tier && values.partner) throw new UsageError('name either --tier or --partner, not both');
  const dir = positionals[0]!;
  if (!(await stat(dir).catch(() => undefined))?.isDirectory()) throw new UsageError(`${dir} is not a folder`);
  const manifest = await readManifest(dir);
  // A partner bundle's manifest names its recipient; its `bundle` is then the partner id.
  const partnerId = values.partner ?? (values.tier === undefined && manifest.recipient !== undefined ? manifest.bundle : undefined);
  const tierId = values.tier ?? manifest.tier;
  const atText = values.at ?? manifest.at;
  if ((partnerId === undefined && tierId === undefined) || atText === undefined) {
    throw new UsageError(`${dir} has no readable ${MANIFEST} naming its tier and instant; give --tier (or --partner) and --at`);
  }
  const at = parseAt(atText);
  const { content, problems } = await loadContent(values.content);
  if (!content) {
    console.error(formatProblems(problems));
    return 1;
  }
  let view: View;
  let subject: string;
  let partnerUrl: string | undefined;
  if (partnerId !== undefined) {
    const partner = content.partners.partners.find((candidate) => candidate.id === partnerId);
    if (!partner) throw new UsageError(`unknown partner "${partnerId}" for ${values.content}`);
    view = partnerView(content.site, content.partners, partner);
    partnerUrl = partner.url;
    subject = `partner ${partner.id} (${viewKey(view)})`;
  } else {
    if (!content.site.tiers.some((tier) => tier.id === tierId)) throw new UsageError(`unknown tier "${tierId}" for ${values.content}`);
    view = tierView(content.site, tierId!);
    subject = `tier ${tierId}`;
  }
  const projection = projectAll(content, view, at.ms);
  const lowest = projectAll(content, tierView(content.site, content.site.tiers[0]!.id), at.ms);
  const openpgpFingerprint = await bundleKeyFingerprint(dir);
  const build = { at: at.text, ...(openpgpFingerprint ? { openpgpFingerprint } : {}) };
  const plan = auditPlan(content, projection, await pagefindRuntime(), lowest, bundleBaseUrl(content.site, view.tier, { url: partnerUrl }), build);
  const result = await auditBundle(dir, plan);
  for (const finding of result.findings) console.log(values.explain ? await explainFinding(finding) : formatFinding(finding));
  for (const entry of plan.allowed) console.log(`allowed by ${entry.allowed_by}: "${entry.phrase}" of ${entry.advisory} (${entry.reason})`);
  const control = plan.entitled.size > 0 ? `; positive control found ${result.control.found} of ${result.control.expected} entitled passages` : '';
  const explained = result.explained > 0 ? `; ${result.explained} match${result.explained === 1 ? '' : 'es'} explained by what the view may see` : '';
  console.log(`${dir}: ${subject} as of ${at.text}, ${result.files} files, ${result.findings.length} finding${result.findings.length === 1 ? '' : 's'}${control}${explained}.`);
  if (plan.entitled.size > 0 && result.control.found === 0) {
    console.log('The positive control found nothing this bundle is entitled to: the audit cannot be trusted.');
    return 1;
  }
  if (result.findings.some((finding) => finding.source)) console.log(values.explain ? ALLOW_HINT : 'Run again with --explain to see each match in its source and in the output.');
  return result.findings.length > 0 ? 1 : 0;
}

/**
 * The fingerprint of the OpenPGP key the bundle publishes, which its provider
 * metadata prints as its own: only one that is really the published key's.
 */
async function bundleKeyFingerprint(dir: string): Promise<string | undefined> {
  const folder = join(dir, CSAF_ROOT, 'openpgp');
  const names = await readdir(folder).catch(() => [] as string[]);
  const fingerprints = await Promise.all(names.map((name) => publishedKeyFingerprint(join(folder, name))));
  const found = [...new Set(fingerprints.filter((fingerprint) => fingerprint !== undefined))];
  return found.length === 1 ? found[0] : undefined;
}

/** The bundle's manifest as far as it can be read: empty when it is missing or not a JSON object. */
async function readManifest(dir: string): Promise<Partial<Manifest>> {
  try {
    const parsed: unknown = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    const { tier, at, bundle, recipient } = parsed as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    return Object.fromEntries(Object.entries({ tier: text(tier), at: text(at), bundle: text(bundle), recipient: text(recipient) }).filter(([, v]) => v !== undefined));
  } catch {
    return {};
  }
}
