import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Per render of a build's log: its label, and the advisory pages Astro rendered (`none`, ids, or undefined when it did not name them). */
export function renderLines(stdout: string): Array<{ label: string; cached: number; rendered: string | undefined }> {
  return [...stdout.matchAll(/^\[(.+?)\] rendered \d+ pages \((\d+) from the cache\) in [\d.]+ s(?:; advisory pages rendered: (.+))?$/gm)].map((match) => ({
    label: match[1]!,
    cached: Number(match[2]),
    rendered: match[3],
  }));
}

/** The bundle folder of a render's first target: `[trusted view without PoC: litware-cert]` is partners/litware-cert. */
export const bundleOf = (out: string, label: string): string => {
  const target = label.slice(label.lastIndexOf(': ') + 2).split(', ')[0]!;
  return readdirSync(out).includes(target) ? join(out, target) : join(out, 'partners', target);
};
