// Runs one command under GNU time (`/usr/bin/time -v`) and returns its wall time and peak memory
// as the kernel reports them from outside the process.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';

/** What one measured command came to. */
export interface Measured {
  /** Wall seconds, measured here around the whole command (process start-up included). */
  seconds: number;
  /**
   * GNU time's "Maximum resident set size", in bytes. The kernel reports the largest of the
   * process and of its waited-for descendants, so for a process tree this is the peak of its
   * single largest process, not a sum.
   */
  maxRss: number;
}

/**
 * Runs `node args…` in `cwd` with `env` added, its output written to `log`; rejects if it fails.
 * `timeFile` receives GNU time's report.
 */
export async function measure(args: string[], options: { cwd: string; env: Record<string, string>; log: string; timeFile: string }): Promise<Measured> {
  const out = createWriteStream(options.log);
  const started = performance.now();
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-v', '-o', options.timeFile, process.execPath, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.on('error', reject);
    child.on('close', resolve);
  });
  const seconds = (performance.now() - started) / 1000;
  await new Promise((resolve) => out.end(resolve));
  if (code !== 0) {
    const tail = (await readFile(options.log, 'utf8')).trimEnd().split('\n').slice(-15).map((line) => `  ${line.slice(0, 300)}`);
    throw new Error(`\`node ${args.join(' ')}\` exited with status ${code}; the end of ${options.log}:\n${tail.join('\n')}`);
  }
  const report = await readFile(options.timeFile, 'utf8');
  const kilobytes = /Maximum resident set size \(kbytes\): (\d+)/.exec(report)?.[1];
  if (!kilobytes) throw new Error(`no peak memory in GNU time's report ${options.timeFile}`);
  return { seconds, maxRss: Number(kilobytes) * 1024 };
}
