import { readdirSync, readFileSync } from 'node:fs';

/**
 * Watches the peak resident memory of this process's child processes whose
 * command name starts with `prefix` (pagefind's service binary), by polling
 * /proc: the child is not included in this process's own resource usage.
 * Returns a function that stops watching and gives the peak in bytes (0 off Linux).
 */
export function watchChildPeak(prefix: string, everyMs = 100): () => number {
  let peak = 0;
  const sample = () => {
    let pids: string[];
    try {
      pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
    } catch {
      return;
    }
    for (const pid of pids) {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) !== process.pid) continue;
        if (!(/^Name:\s+(\S+)/m.exec(status)?.[1] ?? '').startsWith(prefix)) continue;
        const hwm = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
        peak = Math.max(peak, hwm);
      } catch {
        // The process ended between listing and reading: nothing to measure.
      }
    }
  };
  const timer = setInterval(sample, everyMs);
  return () => {
    sample();
    clearInterval(timer);
    return peak;
  };
}
