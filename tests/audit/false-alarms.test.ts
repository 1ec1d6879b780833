// Text the pipeline derives from what a view may see (joined fields, labels, names looked up, URLs built
// from ids, pagefind's joined words) must not fail the audit because it matches withheld text.
import { gzipSync } from 'node:zlib';
import { encode as encodeCbor } from 'cbor-x';
import { describe, expect, it } from 'vitest';
import { auditFillValues } from '../../src/audit/audit.ts';
import { auditPlan } from '../../src/audit/plan.ts';
import { NEUTRAL_FILL, partnerFill } from '../../src/bundle/derive.ts';
import { partnerView } from '../../src/core/project/partner-view.ts';
import { projectAll } from '../../src/core/project/summary.ts';
import { tierView } from '../../src/core/project/view.ts';
import { partnerMarks } from '../../src/partners/marks.ts';
import { securityTxtExpires } from '../../src/export/security-txt.ts';
import { identifierUrl, moment, REFERENCE_LABEL } from '../../src/render/format.ts';
import { PAGE_TEXT } from '../../src/render/labels.ts';
import { SITE_YAML } from '../helpers/content.ts';
import { advisory, auditFiles, contentOf, exportsOf, fields, leaks, page, tierPlan } from './harness.ts';

const AT = '2025-12-01T00:00:00Z';
const LATER = '2026-04-14T17:00:00Z';

describe('derived text that matches withheld text is not a leak', () => {
  it('a CSAF product name joins the product and its affected range', async () => {
    const content = contentOf({
      'CTSA-2025-0010': advisory(`id: CTSA-2025-0010
title: Tamper protection bypass in Contoso Endpoint Agent for Windows
summary: A local administrator can stop the agent.
products:
  - name: Contoso Endpoint Agent for Windows
    affected: [">= 6.0.0, < 6.3.5", ">= 6.4.0, < 6.4.2"]
    fixed: ["6.3.5", "6.4.2"]
release: 2025-11-11T17:00:00Z`),
      'CTSA-2026-0004': advisory(
        fields('CTSA-2026-0004', LATER),
        '## Affected configurations\n\n- Contoso Endpoint Agent for Windows 6.4.0 through 6.6.0, and 6.7.0.\n',
      ),
    });
    const result = await auditFiles(tierPlan(content, 'public', AT), exportsOf(content, 'public', AT));
    expect(leaks(result)).toEqual([]);
  });

  it('a CWE name the CSAF export looks up for a visible weakness', async () => {
    const content = contentOf({
      'CTSA-2025-0001': advisory(fields('CTSA-2025-0001', '2025-07-22T17:00:00Z', 'cwes: [CWE-79]')),
      'CTSA-2026-0001': advisory(fields('CTSA-2026-0001', LATER), 'The flaw is an Improper Neutralization of Input During Web Page Generation in the widget.\n'),
    });
    const result = await auditFiles(tierPlan(content, 'public', AT), exportsOf(content, 'public', AT));
    expect(leaks(result)).toEqual([]);
  });

  it('the label of a reference type before its URL, on the page and in CSAF', async () => {
    const url = 'https://detect.contoso.example/rules/widget-2025.yar';
    const content = contentOf({
      'CTSA-2025-0001': advisory(fields('CTSA-2025-0001', '2025-07-22T17:00:00Z', `references:\n  - url: ${url}\n    type: detection`)),
      'CTSA-2026-0001': advisory(fields('CTSA-2026-0001', LATER), `Detection: ${url} covers the variant.\n\nDetection guidance: ${url} again.\n`),
    });
    const html = page(`<ul><li><span class="muted">${REFERENCE_LABEL.detection}:</span> <a href="${url}" rel="noreferrer noopener">${url}</a></li></ul>`);
    const result = await auditFiles(tierPlan(content, 'public', AT), { ...exportsOf(content, 'public', AT), 'advisories/CTSA-2025-0001/index.html': html });
    expect(leaks(result)).toEqual([]);
  });

  it('a page heading that withheld text also uses', async () => {
    const content = contentOf({
      'CTSA-2025-0001': advisory(fields('CTSA-2025-0001', '2025-07-22T17:00:00Z')),
      'CTSA-2026-0001': advisory(fields('CTSA-2026-0001', LATER), '## Affected products\n\nEvery Contoso Server build before 2.0.\n'),
    });
    const html = page('<h2 id="products">Affected products</h2><p>Contoso Server</p>');
    const result = await auditFiles(tierPlan(content, 'public', AT), { 'advisories/CTSA-2025-0001/index.html': html });
    expect(leaks(result)).toEqual([]);
  });

  it("a product page's label around a visible product name", async () => {
    const product = 'Contoso Widget Server 2019 Enterprise Edition';
    const content = contentOf({
      'CTSA-2025-0001': advisory(fields('CTSA-2025-0001', '2025-07-22T17:00:00Z').replace('Contoso Server', product)),
      'CTSA-2026-0001': advisory(fields('CTSA-2026-0001', LATER), `Advisories for ${product} are listed on its page.\n`),
    });
    const html = page(`<h1>${product}</h1>`, `<meta name="description" content="Security advisories for ${product}." />`);
    const result = await auditFiles(tierPlan(content, 'public', AT), { 'products/contoso-widget-server-2019-enterprise-edition/index.html': html });
    expect(leaks(result)).toEqual([]);
  });

  it('the URL a page links a visible alias to', async () => {
    const alias = 'GHSA-2c3f-9g8h-jm4p';
    const url = identifierUrl(alias)!;
    const content = contentOf({
      'CTSA-2025-0001': advisory(fields('CTSA-2025-0001', '2025-07-22T17:00:00Z', `aliases: [${alias}]`)),
      'CTSA-2026-0001': advisory(fields('CTSA-2026-0001', LATER, `references:\n  - url: ${url}\n    type: web`)),
    });
    const html = page(`<dl><dt>Aliases</dt><dd><a href="${url}" rel="noreferrer noopener">${alias}</a></dd></dl>`);
    const result = await auditFiles(tierPlan(content, 'public', AT), { 'advisories/CTSA-2025-0001/index.html': html });
    expect(leaks(result)).toEqual([]);
  });

  it("words pagefind's index runs together", async () => {
    const content = contentOf({
      'CTSA-2025-0001': advisory(fields('CTSA-2025-0001', '2025-07-22T17:00:00Z'), 'The server echoes the Access-Control-Allow-Origin header of any request.\n'),
      'CTSA-2026-0001': advisory(fields('CTSA-2026-0001', LATER), 'The Go handler copies `AccessControlAllowOrigin` from the request.\n'),
    });
    const index = gzipSync(Buffer.concat([Buffer.from('pagefind_dcd'), encodeCbor([['accesscontrolalloworigin', [[0, [4]]]], ['access', [[0, [4]]]], ['origin', [[0, [7]]]]])]));
    const result = await auditFiles(tierPlan(content, 'public', AT), { 'pagefind/index/en_0a1b2c3d.pf_index': index });
    expect(leaks(result)).toEqual([]);
  });

  it('the digest names of the ROLIE feed', async () => {
    const content = contentOf({
      'CTSA-2025-0001': advisory(fields('CTSA-2025-0001', '2025-07-22T17:00:00Z')),
      'CTSA-2026-0001': advisory(fields('CTSA-2026-0001', LATER), 'Compare the installer against its SHA256 digest.\n'),
    });
    const result = await auditFiles(tierPlan(content, 'public', AT), exportsOf(content, 'public', AT));
    expect(leaks(result)).toEqual([]);
  });

  describe('the fixed text of the provider files: ROLIE service and category documents, provider metadata, security.txt', () => {
    // The publisher's vendor names the CSAF vendor branch and a category term; its contact goes into security.txt.
    const site = SITE_YAML.replace('  namespace: https://contoso.example\n', '  namespace: https://contoso.example\n  vendor: Contoso Industrial Automation Ltd\n  contact: mailto:psirt@contoso.example\n');
    const released = advisory(fields('CTSA-2025-0001', '2025-07-22T17:00:00Z'));
    const openpgp = { fingerprint: '0123456789ABCDEF0123456789ABCDEF01234567', publicKey: '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n-----END PGP PUBLIC KEY BLOCK-----\n' };

    it.each([
      ['the URL security.txt names as its own', 'body', 'Report bypasses as https://security.contoso.example/.well-known/security.txt says.\n', '.well-known/security.txt'],
      ['the workspace title of the ROLIE service document', 'keywords: [Contoso Security Advisories CSAF feeds]', undefined, '.well-known/csaf/service.json'],
      ["the publisher's vendor, a vendor branch and a category term", 'keywords: [Contoso Industrial Automation Ltd]', undefined, '.well-known/csaf/white/category-white.json'],
      ['the role a signed bundle claims', 'keywords: [csaf_trusted_provider]', undefined, '.well-known/csaf/provider-metadata.json'],
    ])('%s', async (_what, extra, body, file) => {
      const content = contentOf({ 'CTSA-2025-0001': released, 'CTSA-2026-0001': advisory(fields('CTSA-2026-0001', LATER, extra === 'body' ? '' : extra), body) }, { site });
      const exports = exportsOf(content, 'public', AT, openpgp);
      // The export writes the text (so an alarm would be raised on it), and no advisory the view sees holds it.
      const text = extra === 'body' ? 'https://security.contoso.example/.well-known/security.txt' : extra.slice('keywords: ['.length, -1);
      expect(exports[file]).toContain(text);
      expect(JSON.stringify(projectAll(content, tierView(content.site, 'public'), Date.parse(AT)).advisories)).not.toContain(text);
      const result = await auditFiles(tierPlan(content, 'public', AT), exports);
      expect(leaks(result)).toEqual([]);
    });
  });

  it("a partner's own name, filled into its bundle, while an embargoed advisory credits it", () => {
    const partners = 'partners:\n  - id: fabrikam-mssp\n    name: Fabrikam Managed Security Services\n    tier: trusted\n';
    const content = contentOf(
      {
        'CTSA-2025-0001': advisory(fields('CTSA-2025-0001', '2025-07-22T17:00:00Z')),
        'CTSA-2026-0001': advisory(fields('CTSA-2026-0001', LATER, 'credits: [Fabrikam Managed Security Services]')),
      },
      { partners },
    );
    const partner = content.partners.partners[0]!;
    const plan = auditPlan(content, projectAll(content, partnerView(content.site, content.partners, partner), Date.parse(AT)), new Map());
    const fill = partnerFill(partnerMarks(new Uint8Array(32).fill(7), partner.id), partner);
    const values = [fill.recipient, fill.recipientBar, fill.mark('CTSA-2025-0001')];
    expect(auditFillValues(`partners/${partner.id}`, values, plan, partner)).toEqual([]);
  });
});

describe('what the build writes, its instant and its OpenPGP key, is the bundle\'s own text', () => {
  // A contact, so the public bundle has a security.txt and its expiry.
  const site = SITE_YAML.replace('  namespace: https://contoso.example\n', '  namespace: https://contoso.example\n  contact: mailto:psirt@contoso.example\n');
  const openpgp = { fingerprint: '3F2A9C01B7E45D6A8C0F1E2D3B4A59687C6D5E4F', publicKey: '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n-----END PGP PUBLIC KEY BLOCK-----\n' };
  const build = { at: AT, openpgpFingerprint: openpgp.fingerprint };
  const CANARY = 'CANARY-BUILDFACT-9X4L2Q';

  it.each([
    ['the build instant as the exports and feeds write it', AT],
    ["the build instant as every page's footer writes it", moment(AT)],
    ["security.txt's expiry, a fixed time after the build instant", securityTxtExpires(AT)],
    ["the OpenPGP key's fingerprint, as the provider metadata names it", openpgp.fingerprint],
  ])('%s: no leak when a gated passage holds exactly it; a canary in the same gate is still found', async (_what, text) => {
    const content = contentOf({ 'CTSA-2025-0001': advisory(fields('CTSA-2025-0001', '2025-07-22T17:00:00Z'), `Public text.\n\n:::poc\n${text}\n\nReplay with ${CANARY} in the header.\n:::\n`) }, { site });
    const projection = projectAll(content, tierView(content.site, 'public'), Date.parse(AT));
    const bundle = {
      ...exportsOf(content, 'public', AT, openpgp),
      'index.html': page('<p>Public text.</p>').replace('</main>', `</main><footer><p>${PAGE_TEXT.asOf(moment(AT))}</p></footer>`),
    };
    // The bundle writes it, and a plan without the build's facts takes it for the gate's text.
    expect(Object.values(bundle).join('\n')).toContain(text);
    expect(leaks(await auditFiles(auditPlan(content, projection, new Map()), bundle))).not.toEqual([]);
    const plan = auditPlan(content, projection, new Map(), undefined, undefined, build);
    expect(leaks(await auditFiles(plan, bundle))).toEqual([]);
    const planted = { ...bundle, 'advisories/CTSA-2025-0001/index.html': page(`<p>Public text.</p><p>Replay with ${CANARY} in the header.</p>`) };
    expect(leaks(await auditFiles(plan, planted))).toEqual([expect.stringMatching(/^advisories\/CTSA-2025-0001\/index\.html: CTSA-2025-0001 \(body: :::poc gate for trusted\)/)]);
  });
});

describe('a leak is still found', () => {
  it('in a filled-in value that carries withheld text another way', () => {
    const content = contentOf({
      'CTSA-2025-0001': advisory(fields('CTSA-2025-0001', '2025-07-22T17:00:00Z'), 'Public text.\n\n:::poc\nReplay with CANARY-POC-4F7Q2X in the header.\n:::\n'),
    });
    const plan = tierPlan(content, 'public', AT);
    const findings = auditFillValues('public', [`${NEUTRAL_FILL.recipient}<span>CANARY-POC-4F7Q2X</span>`], plan, { id: 'fabrikam-mssp', name: 'Fabrikam Managed Security Services' });
    expect(findings.map((finding) => finding.source?.what)).toEqual(['body: :::poc gate for trusted']);
  });

  it('when withheld prose is copied into an export, even where some of its windows are made of visible words', async () => {
    const content = contentOf({
      'CTSA-2025-0010': advisory(`id: CTSA-2025-0010
title: Tamper protection bypass
summary: A local administrator can stop the agent.
products:
  - name: Contoso Endpoint Agent for Windows
    affected: [">= 6.4.0, < 6.4.2"]
release: 2025-11-11T17:00:00Z`),
      'CTSA-2026-0004': advisory(fields('CTSA-2026-0004', LATER), 'Contoso Endpoint Agent for Windows 6.4.0 through 6.6.0 lets a pipe server impersonate SYSTEM.\n'),
    });
    const exports = exportsOf(content, 'public', AT);
    const osv = 'osv/CTSA-2025-0010.json';
    exports[osv] = exports[osv]!.replace('"details": "', '"details": "Contoso Endpoint Agent for Windows 6.4.0 through 6.6.0 lets a pipe server impersonate SYSTEM. ');
    const result = await auditFiles(tierPlan(content, 'public', AT), exports);
    expect(leaks(result)).toEqual([expect.stringMatching(/^osv\/CTSA-2025-0010\.json: CTSA-2026-0004 \(advisory not yet visible\)/)]);
  });

  it("when the id of an advisory the view may not see is written, however its parts could be explained", async () => {
    const content = contentOf({
      // Each part in a different visible advisory: an advisory's own strings are read side by side.
      'CTSA-2025-0001': advisory(fields('CTSA-2025-0001', '2025-07-22T17:00:00Z', 'keywords: [CTSA]')),
      'CTSA-2025-0002': advisory(fields('CTSA-2025-0002', '2025-07-22T17:00:00Z', 'keywords: ["2026"]')),
      'CTSA-2025-0003': advisory(fields('CTSA-2025-0003', '2025-07-22T17:00:00Z', 'keywords: [0099 build]')),
      'CTSA-2026-0099': advisory(fields('CTSA-2026-0099', LATER)),
    });
    const result = await auditFiles(tierPlan(content, 'public', AT), { 'advisories/CTSA-2025-0001/index.html': page('<p>CTSA 2026 0099 build</p>') });
    expect(leaks(result)).toEqual([expect.stringMatching(/CTSA-2026-0099 \(advisory not yet visible\): ctsa 2026 0099/)]);
  });
});

describe('the positive control', () => {
  it('finds a gate whose mark was filled in', async () => {
    const content = contentOf({
      'CTSA-2025-0001': advisory(fields('CTSA-2025-0001', '2025-07-22T17:00:00Z'), 'Public text.\n\n:::poc\n```sh\ncurl -sk -A "{{mark}}" "$TARGET/widget?x=1"\n```\n:::\n'),
    });
    const html = page('<p>Public text.</p><pre><code>curl -sk -A "tp-unmarked" "$TARGET/widget?x=1"</code></pre>');
    const result = await auditFiles(tierPlan(content, 'trusted', AT, 'public'), { 'advisories/CTSA-2025-0001/index.html': html });
    expect(result.control).toEqual({ found: 1, expected: 1 });
    expect(leaks(result)).toEqual([]);
  });
});
