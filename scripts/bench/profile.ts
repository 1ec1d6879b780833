// Summarises the V8 CPU profiles of a `--cpu-prof` bench run: where each process spent its time,
// by package or source folder and by function (self time), so hot spots show without DevTools.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { table } from '../../src/cli/table.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The package (node_modules/<name>) or repository folder a script URL belongs to. */
function area(url: string): string {
  if (!url) return '(native, gc, idle)';
  // Astro bundles the site's pages and its own runtime into per-build chunks.
  if (url.includes('/.prerender/')) return '(astro prerender chunks)';
  if (url.startsWith('node:')) return '(node internals)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const local = /\/(src\/[^/]+(?:\/[^/]+)?|scripts)\/[^/]+$/.exec(url);
  return local ? local[1]! : url;
}

const short = (url: string) =>
  url.replace(/^.*node_modules\//, '').replace(/^.*\/\.prerender\//, '.prerender/').replace(/^file:\/\/.*?\/(src|scripts)\//, '$1/');

/** A text summary of every profile in `dir`: per process, the top areas and functions by self time. */
export async function summarizeProfiles(dir: string, top = 10): Promise<string> {
  const parts: string[] = [];
  for (const file of (await readdir(dir)).filter((name) => name.endsWith('.cpuprofile')).sort()) {
    const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile;
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const self = new Map<number, number>();
    // timeDeltas[i] is the time before sample i; it is charged to the function on top of the stack.
    profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
    const areas = new Map<string, number>();
    const functions = new Map<string, number>();
    for (const [id, micros] of self) {
      const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
      areas.set(area(url), (areas.get(area(url)) ?? 0) + micros);
      const name = `${functionName || '(anonymous)'} ${url ? `${short(url)}:${lineNumber + 1}` : ''}`.trim();
      functions.set(name, (functions.get(name) ?? 0) + micros);
    }
    const urls = profile.nodes.map((node) => node.callFrame.url);
    const role = urls.some((url) => url.endsWith('/scripts/tierpress.ts')) ? 'main build process' : urls.some((url) => url.endsWith('/tier-process.ts')) ? 'tier process' : 'other thread';
    const total = (profile.endTime - profile.startTime) / 1e6;
    const rows = (map: Map<string, number>) =>
      [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, micros]) => [name, Number((micros / 1e6).toFixed(2)), `${((micros / 1e6 / total) * 100).toFixed(1)} %`]);
    parts.push(`${file}: ${role}, ${total.toFixed(1)} s\n\n${table(['area', 'self s', 'share'], rows(areas))}\n\n${table(['function', 'self s', 'share'], rows(functions))}`);
  }
  return parts.join('\n\n');
}
