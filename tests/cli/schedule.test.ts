import { describe, expect, it } from 'vitest';
import { tierpress } from '../helpers/cli.ts';

describe('tierpress schedule', () => {
  it('prints the coming changes of the example content, one line per advisory and change, instants apart', () => {
    const { status, stdout, stderr } = tierpress(['schedule', '--at', '2026-11-15T00:00:00Z', '--days', '40']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatchInlineSnapshot(`
      "content: visibility changes from 2026-11-15T00:00:00Z to 2026-12-25T00:00:00Z (40 days):

      2026-11-20T17:00:00Z  CTSA-2026-0010  trusted, contoso-av, fabrikam-mssp, adventure-works start to see it, with its PoC
      2026-11-20T17:00:00Z  CTSA-2026-0010  litware-cert starts to see it (no PoC: withheld)

      2026-11-24T09:00:00Z  CTSA-2026-0009  trusted, contoso-av, fabrikam-mssp, adventure-works start to see it, with its PoC
      2026-11-24T09:00:00Z  CTSA-2026-0009  litware-cert starts to see it (no PoC: withheld)

      2026-11-28T09:00:00Z  CTSA-2026-0009  partner, adatum-hosting, northwind-integrators start to see it (no PoC)

      2026-11-29T09:00:00Z  CTSA-2026-0009  public, tailspin-telecom, wingtip-reseller, proseware-cloud, woodgrove-bank start to see it (no PoC)

      2026-11-30T17:00:00Z  CTSA-2026-0010  partner, adatum-hosting, northwind-integrators start to see it (no PoC)

      2026-12-01T17:00:00Z  CTSA-2026-0010  public, tailspin-telecom, wingtip-reseller, proseware-cloud, woodgrove-bank start to see it (no PoC)

      2026-12-15T17:00:00Z  CTSA-2026-0011  trusted, contoso-av, fabrikam-mssp, adventure-works start to see it, with its PoC
      2026-12-15T17:00:00Z  CTSA-2026-0011  litware-cert starts to see it (no PoC: withheld)

      2026-12-19T17:00:00Z  CTSA-2026-0011  partner, adatum-hosting, northwind-integrators start to see it (no PoC)

      2026-12-20T17:00:00Z  CTSA-2026-0011  public, tailspin-telecom, wingtip-reseller, proseware-cloud, woodgrove-bank start to see it (no PoC)

      internal sees every advisory at any time (lead: always), drafts included.
      Drafts, which no other tier or partner sees before they have a release: CTSA-2026-0012.
      "
    `);
  });

  it('reads to the end with --days all, and says when nothing changes', () => {
    expect(tierpress(['schedule', '--at', '2026-12-20T00:00:00Z', '--days', 'all']).stdout).toMatch(
      /^2026-12-20T17:00:00Z {2}CTSA-2026-0011 {2}public, tailspin-telecom, wingtip-reseller, proseware-cloud, woodgrove-bank start to see it \(no PoC\)$/m,
    );
    expect(tierpress(['schedule', '--at', '2026-12-21T00:00:00Z', '--days', '3']).stdout).toMatch(/^content: no visibility changes from 2026-12-21T00:00:00Z to 2026-12-24T00:00:00Z \(3 days\)\.$/m);
  });
});
