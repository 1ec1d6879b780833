// The text of one synthetic advisory in the format of docs/format.md: frontmatter, overlays, gates
// and everyday Markdown (headings, lists, tables, code), about 5 KB. Pure: same input, same text.
import { scoreVector } from '../../src/core/schema/cvss.ts';
import { Random } from './random.ts';

/** Where one advisory sits in the corpus; the corpus decides ids and release dates. */
export interface AdvisoryPlan {
  id: string;
  /** Release instant in milliseconds; undefined for a draft. */
  release: number | undefined;
  status: 'draft' | 'interim' | 'final';
  /** A draft or an advisory released after the bench instant: some tiers may not see it. */
  prerelease: boolean;
  /** Ids of earlier advisories, for `related`. */
  earlier: string[];
}

interface ProductLine {
  name: string;
  purl?: string;
  cli: string;
}

const PRODUCTS: readonly ProductLine[] = [
  { name: 'Contoso Server 2019', purl: 'pkg:generic/contoso/server@2019', cli: 'contoso-server' },
  { name: 'Contoso Server 2022', purl: 'pkg:generic/contoso/server@2022', cli: 'contoso-server' },
  { name: 'Contoso Server Subscription Edition', purl: 'pkg:generic/contoso/server@se', cli: 'contoso-server' },
  { name: 'Contoso Gateway', purl: 'pkg:generic/contoso/gateway', cli: 'cgw' },
  { name: 'Contoso Mail', purl: 'pkg:generic/contoso/mail', cli: 'contoso-mail' },
  { name: 'Contoso Endpoint Agent', purl: 'pkg:generic/contoso/endpoint-agent', cli: 'ceagent' },
  { name: 'Contoso SDK for JavaScript', purl: 'pkg:npm/contoso-sdk', cli: 'npx contoso-sdk' },
  { name: 'Contoso SDK for Python', purl: 'pkg:pypi/contoso-sdk', cli: 'contoso-sdk' },
  { name: 'Contoso Identity Manager', purl: 'pkg:generic/contoso/identity-manager', cli: 'cidm' },
  { name: 'Contoso Backup', purl: 'pkg:generic/contoso/backup', cli: 'cbackup' },
  { name: 'Contoso VPN Client', cli: 'cvpn' },
  { name: 'Contoso Router OS', purl: 'pkg:generic/contoso/router-os', cli: 'crouter' },
];

interface Flaw {
  title: string;
  cwe: string;
  keywords: string[];
  effect: string;
}

const FLAWS: readonly Flaw[] = [
  { title: 'Remote code execution', cwe: 'CWE-502', keywords: ['deserialization', 'remote code execution'], effect: 'run arbitrary code' },
  { title: 'SQL injection', cwe: 'CWE-89', keywords: ['sql injection', 'database'], effect: 'read and change any database record' },
  { title: 'Cross-site scripting', cwe: 'CWE-79', keywords: ['xss', 'cross-site scripting'], effect: 'run script in the browser of a signed-in user' },
  { title: 'Path traversal', cwe: 'CWE-22', keywords: ['path traversal', 'file read'], effect: 'read files outside the intended folder' },
  { title: 'Server-side request forgery', cwe: 'CWE-918', keywords: ['ssrf', 'metadata service'], effect: 'make the server send requests to internal hosts' },
  { title: 'Authentication bypass', cwe: 'CWE-287', keywords: ['authentication bypass', 'pre-authentication'], effect: 'act as any user without credentials' },
  { title: 'Heap buffer overflow', cwe: 'CWE-787', keywords: ['memory corruption', 'buffer overflow'], effect: 'crash the service or run code' },
  { title: 'Privilege escalation', cwe: 'CWE-269', keywords: ['privilege escalation', 'local'], effect: 'gain administrator rights' },
  { title: 'Information disclosure', cwe: 'CWE-200', keywords: ['information disclosure', 'credentials'], effect: 'read configuration secrets' },
  { title: 'Denial of service', cwe: 'CWE-400', keywords: ['denial of service', 'resource exhaustion'], effect: 'stop the service with a few requests' },
  { title: 'Cross-site request forgery', cwe: 'CWE-352', keywords: ['csrf'], effect: 'change settings on behalf of an administrator' },
  { title: 'XML external entity injection', cwe: 'CWE-611', keywords: ['xxe', 'xml'], effect: 'read local files through crafted XML' },
  { title: 'OS command injection', cwe: 'CWE-78', keywords: ['command injection', 'remote code execution'], effect: 'run shell commands as the service account' },
  { title: 'Race condition', cwe: 'CWE-362', keywords: ['race condition', 'toctou'], effect: 'replace a file between its check and its use' },
];

const COMPONENTS = [
  'widget gallery', 'import wizard', 'report scheduler', 'SAML endpoint', 'admin console', 'file upload handler',
  'REST API', 'mail transport', 'update service', 'plugin loader', 'backup agent', 'session manager',
  'search indexer', 'tunnel daemon', 'configuration parser', 'template engine', 'log collector', 'web management interface',
];

const ATTACKERS = ['A remote, unauthenticated attacker', 'An authenticated user with low privileges', 'An attacker on the same network segment', 'A local user', 'An attacker who can send mail to the server'];

// Sentence templates; {p} product, {c} component, {f} flaw effect, {v} a version, {x} the fixed version.
const IMPACT = [
  '{a} can {f} on an affected {p} through the {c}.',
  'The {c} of {p} does not validate input that reaches a sensitive operation, so {a2} can {f}.',
  'Successful exploitation requires no user interaction and leaves few traces in the default logs.',
  'Installations that expose the {c} to the internet are at the highest risk.',
  'Contoso is not aware of exploitation in the wild at the time of publication.',
  'Contoso is aware of limited, targeted exploitation of this vulnerability.',
  'The default configuration of {p} is affected; hardened deployments that disable the {c} are not.',
  'An attacker who exploits this flaw could pivot to other systems that trust {p}.',
  'Cloud-hosted instances were updated by Contoso and need no action.',
  'The issue was introduced in version {v} when the {c} was rewritten.',
];

const DETAILS = [
  'The {c} parses the request before it checks the session, so the vulnerable code runs for anyone who can reach it.',
  'The fix in {x} validates every field at the boundary and rejects unexpected types.',
  'Version {x} also adds logging of rejected requests, which helps detection.',
  'The root cause is a missing length check when the {c} copies a header into a fixed buffer.',
  'Contoso reviewed similar code paths in {p} and found no other instances of this pattern.',
  'The {c} trusted a value that the client controls, such as the `X-Forwarded-For` header or a hidden form field.',
  'Rate limiting does not mitigate the issue, because a single request is enough.',
  'The vulnerable function is reachable only when the {c} is enabled, which is the default since {v}.',
  'Exploitation is more reliable on systems with many worker threads.',
  'Customers who applied the interim mitigation should still install {x}, which replaces it.',
];

const DETECTION = [
  'Version {x} writes a warning to the {c} log for every rejected request, as shown below.',
  'Before the update, successful exploitation leaves an entry in the access log with an unusually long query string.',
  'Endpoint detection products that monitor child processes of {p} can flag the service spawning a shell.',
  'Contoso published detection rules for common log platforms; see the references.',
  'Repeated failures of the {c} within a short time may indicate attempts to exploit this flaw.',
];

// The prose of pre-release advisories. The build's audit fingerprints every eight-word run of
// what a tier may not see and fails on any it finds in that tier's pages, read across block
// boundaries. So this prose shares no wording with the rest, and every sentence starts with the
// advisory's codename (one token): no eight-word run can span two sentences without naming it.
const PRERELEASE = [
  '{k} remains under coordination with the {c} maintainers.',
  '{k} draft wording: the {c} accepts crafted input before sign-in.',
  '{k} has been reproduced by engineering on a lab build of {p}, and the patch is in validation.',
  '{k} fix candidates ship to early-access partners ahead of general availability.',
  '{k} stays under embargo until the coordinated date agreed with the finder.',
  '{k} scoring is provisional until triage signs off.',
  '{k} telemetry queries are being drafted by the detection engineering team.',
  '{k} customer guidance will follow once backports are confirmed.',
];

const MITIGATIONS = [
  'Install {x} or later.',
  'Restrict network access to the {c} to trusted management hosts.',
  'Rotate any credentials stored in the {c} configuration after updating.',
  'Review the audit log for unexpected administrative changes since {v} was installed.',
  'Enable the web application firewall rule set shipped with {x}.',
  'If you cannot update at once, disable the {c} until you can.',
];

const CREDITS = ['Jane Doe of Example Labs', 'Contoso Red Team', 'Alex Kim', 'the Fabrikam Security Research Group', 'Priya Natarajan of Northwind CERT', 'an anonymous researcher via the bug bounty program', 'Contoso Threat Intelligence Center', 'Mateo Rossi'];

const REFERENCE_TYPES = ['advisory', 'article', 'detection', 'fix', 'report', 'web'] as const;

const CVSS31 = [['AV', 'NALP'], ['AC', 'LH'], ['PR', 'NLH'], ['UI', 'NR'], ['S', 'UC'], ['C', 'NLH'], ['I', 'NLH'], ['A', 'NLH']] as const;
const CVSS40 = [['AV', 'NALP'], ['AC', 'LH'], ['AT', 'NP'], ['PR', 'NLH'], ['UI', 'NPA'], ['VC', 'HLN'], ['VI', 'HLN'], ['VA', 'HLN'], ['SC', 'HLN'], ['SI', 'HLN'], ['SA', 'HLN']] as const;
const CVSS20 = [['AV', 'LAN'], ['AC', 'HML'], ['Au', 'MSN'], ['C', 'NPC'], ['I', 'NPC'], ['A', 'NPC']] as const;

const DAY = 86_400_000;
const instant = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const quote = (text: string) => JSON.stringify(text);

/** What one advisory is about, drawn once and shared by its frontmatter and body. */
interface Subject {
  plan: AdvisoryPlan;
  r: Random;
  flaw: Flaw;
  component: string;
  products: ProductLine[];
  lead: ProductLine;
  version: string;
  fixed: string;
  /** Unique to the advisory; names its gated identifiers, so gated text is never repeated outside its gate. */
  token: string;
  fn: string;
  year: string;
  /** Fills a sentence template's slots. */
  fill: (template: string) => string;
  /** A paragraph of `count` sentences; pre-release advisories draw from their own wording. */
  paragraph: (templates: readonly string[], count: number) => string;
}

/** The full file text of one advisory. */
export function advisoryText(plan: AdvisoryPlan, seed: string): string {
  const r = new Random(`${seed}:${plan.id}`);
  const flaw = r.pick(FLAWS);
  const component = r.pick(COMPONENTS);
  const products = r.some(PRODUCTS, r.int(1, 3));
  const lead = products[0]!;
  const major = r.int(1, 19);
  const minor = r.int(0, 9);
  const version = `${major}.${minor}.${r.int(0, 40)}`;
  const fixed = `${major}.${minor}.${r.int(41, 99)}`;
  // A digit, then one of a, b, c, f, then hex: the build's audit reads pagefind's CBOR index as raw
  // text, where a string's length byte ('a' to 'w' for 1 to 23 bytes) glues onto the word after
  // it; a token such as e95962 would then match the visible five-digit word 95962.
  const token = `${r.int(1, 9)}${r.pick(['a', 'b', 'c', 'f'])}${r.hex(4)}`;
  const fn = `${component.replace(/\W+(\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toLowerCase())}_${token}`;
  const codename = `PR${token}`;
  const fill = (template: string) =>
    template
      .replaceAll('{k}', codename)
      .replaceAll('{a2}', r.pick(ATTACKERS).toLowerCase())
      .replaceAll('{a}', r.pick(ATTACKERS))
      .replaceAll('{p}', lead.name)
      .replaceAll('{c}', component)
      .replaceAll('{f}', flaw.effect)
      .replaceAll('{v}', version)
      .replaceAll('{x}', fixed);
  const paragraph = (templates: readonly string[], count: number) => r.some(plan.prerelease ? PRERELEASE : templates, count).map(fill).join(' ');
  const subject: Subject = { plan, r, flaw, component, products, lead, version, fixed, token, fn, year: plan.id.split('-')[1]!, fill, paragraph };
  return `${frontmatter(subject).join('\n')}\n${body(subject).join('\n')}`;
}

/** The YAML frontmatter, between its `---` lines. */
function frontmatter(s: Subject): string[] {
  const { plan, r, flaw, component, lead, version, fixed } = s;
  const front: string[] = ['---', `id: ${plan.id}`];
  front.push(`title: ${quote(`${flaw.title} in the ${lead.name} ${component}`)}`);
  front.push(`summary: ${quote(`${s.fill('{a}')} can ${flaw.effect} on ${lead.name} through the ${component}.`)}`);
  if (r.chance(0.05)) front.push('kind: informational');
  if (r.chance(0.3)) front.push(`severity: ${r.pick(['low', 'medium', 'high', 'critical'])}`);
  const vectors = cvssVectors(r);
  if (vectors.length > 0) {
    front.push('cvss:');
    for (const vector of vectors) {
      front.push(`  - vector: ${vector}`);
      // Half give a score, which the build checks against the one it computes.
      const scored = scoreVector(vector);
      if (typeof scored !== 'string' && r.chance(0.5)) front.push(`    score: ${scored.score.toFixed(1)}`);
    }
  }
  front.push(`cves: [${Array.from({ length: r.int(1, 3) }, () => `CVE-${s.year}-${r.int(10000, 99999)}`).join(', ')}]`);
  if (r.chance(0.3)) front.push(`aliases: [ZDI-CAN-${r.int(10000, 99999)}]`);
  const related = plan.earlier.length > 0 && r.chance(0.3) ? r.some(plan.earlier, 1) : [];
  if (related.length > 0) front.push(`related: [${related.join(', ')}]`);
  front.push(`cwes: [${flaw.cwe}${r.chance(0.3) ? ', CWE-20' : ''}]`);
  front.push(`keywords: [${[...flaw.keywords, component].map(quote).join(', ')}]`);
  front.push('products:');
  for (const product of s.products) {
    front.push(`  - name: ${quote(product.name)}`);
    if (product.purl) front.push(`    purl: ${product.purl}`);
    front.push(`    affected: ${quote(`>= ${version}, < ${fixed}`)}`);
    front.push(`    fixed: ${quote(fixed)}`);
  }
  if (plan.release !== undefined) front.push(`release: ${instant(plan.release)}`);
  if (plan.status !== 'final') front.push(`status: ${plan.status}`);
  if (plan.release !== undefined && plan.status !== 'draft' && r.chance(0.01)) {
    front.push('withdrawn:', `  at: ${instant(plan.release + r.int(2, 20) * DAY)}`, `  reason: ${quote('Duplicate of an earlier advisory; the issue is not reproducible on supported versions.')}`);
  }
  if (plan.release !== undefined) {
    front.push('revisions:', `  - date: ${instant(plan.release)}`, '    summary: Initial release.');
    let date = plan.release;
    for (let i = r.int(0, 3); i > 0; i--) {
      date += r.int(1, 30) * DAY;
      front.push(`  - date: ${instant(date)}`, `    summary: ${quote(r.pick(['Added detection guidance.', 'Updated the list of fixed versions.', 'Corrected the CVSS vector.', 'Added a product that is also affected.']))}`);
    }
  }
  front.push(`credits: [${r.some(CREDITS, r.int(1, 2)).map(quote).join(', ')}]`);
  front.push('references:', ...references(r, plan.id, r.int(2, 5)));
  front.push(...overlays(r, plan, s));
  front.push('---', '');
  return front;
}

/** The Markdown body: sections with paragraphs, a table, lists and code, and gates on a share. */
function body(s: Subject): string[] {
  const { plan, r, flaw, component, lead, version, fixed, token, fn, fill, paragraph } = s;
  const out: string[] = [];
  out.push('## Impact', '', paragraph(IMPACT, 3), '', paragraph(IMPACT, 3), '');
  out.push('## Affected configurations', '', '| Product | Affected versions | Fixed version |', '| --- | --- | --- |');
  for (const product of s.products) out.push(`| ${product.name} | ${version} up to ${fixed} | ${fixed} |`);
  out.push('', paragraph(DETAILS, 2), '');
  out.push('## Mitigation / Workarounds', '');
  r.some(plan.prerelease ? PRERELEASE : MITIGATIONS, r.int(3, 4)).forEach((step, index) => {
    out.push(`${index + 1}. ${fill(step)}`);
    if (index === 0) out.push('', '   ```sh', `   ${lead.cli} update --to ${fixed}`, `   ${lead.cli} status --verbose`, '   ```', '');
  });
  out.push('', '## Details', '');
  const marker = `:poc[the ${fn} handler echoes the marker pt-${token} back in its error text, and]`;
  out.push(`${fill('The {c} of {p} handles `')}${fn.split('_')[0]}()\` without checking the caller. ${r.chance(0.4) ? marker : 'The'} **version ${fixed}** fixes the issue.`, '');
  out.push(paragraph(DETAILS, 3), '');
  out.push('- Affected since: ' + version, `- Fixed in: ${fixed}`, `- Component: ${component}`, `- Weakness: ${flaw.cwe}`, '');
  if (r.chance(0.6)) {
    out.push(':::tier{min=partner}', '### Technical analysis', '', `The flaw is in \`${fn}\`, which accepts the \`pt_${token}\` parameter and passes it on unchecked.`, '', `- Entry point: \`/api/v2/${component.replace(/\W+/g, '-')}/${token}\``, `- Sink: \`${fn}\``, ':::', '');
  }
  if (r.chance(0.5)) out.push(...poc(r, fn, token, lead), '');
  if (r.chance(0.15)) {
    out.push('::::tier{min=trusted}', '### Threat intelligence summary', '', `Exploitation cluster TIC-${token} targeted ${component} deployments in two regions.`, '', ':::internal', `Attribution confidence is moderate (case ${token.toUpperCase()}).`, ':::', '::::', '');
  } else if (r.chance(0.2)) {
    out.push(':::internal', `Internal tracking: bug ${r.int(100000, 999999)}, owner team ${component}-${token}.`, ':::', '');
  }
  out.push('## Detection', '', paragraph(DETECTION, 2), '', '```text', `${instant(plan.release ?? Date.UTC(Number(s.year), 0, 1))} ${component.replace(/\W+/g, '-')} WARN rejected request from 203.0.113.${r.int(1, 254)}: unexpected field`, '```', '');
  out.push('## Frequently asked questions', '', `**Is ${lead.name} in its default configuration affected?**`, '', paragraph(IMPACT, 2), '', '**Do I need to restart after updating?**', '', paragraph(MITIGATIONS, 2), '');
  out.push('## Acknowledgements', '', `Contoso thanks ${r.pick(CREDITS)} for reporting this issue through coordinated disclosure.`, '');
  return out;
}

/** Zero to two vectors: mostly CVSS 3.1, some with a 4.0 vector too, a few 2.0 only. */
function cvssVectors(r: Random): string[] {
  const vector = (metrics: ReadonlyArray<readonly [string, string]>) => metrics.map(([key, values]) => `${key}:${r.pick([...values])}`).join('/');
  const roll = r.next();
  if (roll < 0.1) return [];
  if (roll < 0.15) return [vector(CVSS20)];
  const v31 = `CVSS:3.1/${vector(CVSS31)}`;
  return r.chance(0.25) ? [v31, `CVSS:4.0/${vector(CVSS40)}`] : [v31];
}

function references(r: Random, id: string, count: number, indent = '  ', host = 'support.contoso.example'): string[] {
  return Array.from({ length: count }, (_, i) => [`${indent}- url: https://${host}/${id.toLowerCase()}/${i + 1}`, `${indent}  type: ${r.pick(REFERENCE_TYPES)}`]).flat();
}

/** Partner and trusted overlays on a share of advisories, with notes that carry their own gates. */
function overlays(r: Random, plan: AdvisoryPlan, s: Subject): string[] {
  if (!r.chance(0.4)) return [];
  const out = ['tiers:', '  partner:'];
  out.push(`    title: ${quote(`${s.flaw.title} in ${s.fn} of the ${s.lead.name} ${s.component}`)}`);
  out.push(`    summary: ${quote(`The ${s.component} passes the pt_${s.token} field to ${s.fn} before it authenticates the request.`)}`);
  out.push('    notes: |', `      Detection: look for requests to the ${s.component} that carry the \`pt_${s.token}\` field.`, '      The product itself never sends it.');
  if (r.chance(0.2)) out.push('', '      :::internal', `      Internal: escalation contact for ${s.token} is the ${s.component} on-call.`, '      :::');
  out.push('    references:', ...references(r, plan.id, r.int(1, 2), '      ', 'partners.contoso.example'));
  // An earlier partner release must stay within the trusted lead (5 days), or trusted would see it later.
  if (plan.release !== undefined && plan.status !== 'draft' && r.chance(0.1)) out.push(`    release: ${instant(plan.release - 2 * DAY)}`);
  if (r.chance(0.6)) {
    out.push('  trusted:', `    title: ${quote(`${s.flaw.title} in ${s.fn} (${s.token}) of ${s.lead.name}`)}`);
    out.push('    notes: |', `      Observed exploitation uses the ${s.fn} sink directly.`, '');
    out.push(...poc(r, s.fn, s.token, s.lead).map((line) => (line ? `      ${line}` : '')));
    out.push('    references:', ...references(r, plan.id, 1, '      ', 'trusted.contoso.example'));
  }
  return out;
}

/** A `:::poc` container with a fenced request or script that carries `{{mark}}`. */
function poc(r: Random, fn: string, token: string, lead: ProductLine): string[] {
  const code = r.pick([
    ['```http', `POST /api/v2/${fn}?pt_${token}=1 HTTP/1.1`, 'Host: target.example', 'Content-Type: application/json', 'X-Repro-Marker: {{mark}}', '', `{"pt_${token}": "../../etc/passwd", "op": "${fn}"}`, '```'],
    ['```python', 'import requests', '', `URL = "https://target.example/api/v2/${fn}"`, `payload = {"pt_${token}": "A" * 4096}`, `requests.post(URL, json=payload, headers={"User-Agent": "ctsa-repro/{{mark}}"}, timeout=10)`, '```'],
    ['```sh', `${lead.cli} --debug call ${fn} --arg 'pt_${token}=$(id)' --tag {{mark}}`, '```'],
  ] as const);
  return [':::poc', `The request below reaches \`${fn}\` and proves the flaw without harming the target:`, '', ...code, ':::'];
}
