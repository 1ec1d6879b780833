/**
 * Where two projected values first differ, as a path a person can follow
 * (`body > list[1] > listItem[0]: spread true, derived false`), or
 * undefined when they are equal. Text is compared as a reader sees it: runs
 * of white space (and hard breaks) count as one space, and a run's edges
 * are trimmed, since neither the text surgery nor the tree surgery can
 * leave white space a page shows.
 */
export function firstDifference(real: unknown, derived: unknown, path = ''): string | undefined {
  const a = canonical(real);
  const b = canonical(derived);
  return differ(a, b, path);
}

function differ(a: unknown, b: unknown, path: string): string | undefined {
  if (a === b) return undefined;
  const here = path || '(root)';
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return `${here}: ${show(a)} in the projection, ${show(b)} derived from the text`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${here}: a list on one side only`;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length || i >= b.length) return `${here}: ${a.length} items in the projection, ${b.length} derived from the text`;
      const difference = differ(a[i], b[i], `${path}${path ? ' > ' : ''}${label(a[i])}[${i}]`);
      if (difference) return difference;
    }
    return undefined;
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const key of keys) {
    const difference = differ((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], key === 'children' ? path : `${path}${path ? '.' : ''}${key}`);
    if (difference) return difference;
  }
  return undefined;
}

function label(value: unknown): string {
  return value && typeof value === 'object' && 'type' in value ? String((value as { type: unknown }).type) : 'item';
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** Blocks whose inline content reads as one run. */
const RUNS = new Set(['paragraph', 'heading', 'tableCell']);

/** A copy with text joined and its white space collapsed; trees are told apart by what a reader sees. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!value || typeof value !== 'object') return value;
  const node = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(node)) {
    if (key === 'position' || item === undefined) continue;
    out[key] = key === 'children' && Array.isArray(item) ? joinText(item.map(canonical), RUNS.has(node.type as string)) : canonical(item);
  }
  if (node.type === 'text' && typeof node.value === 'string') out.value = node.value.replace(/\s+/g, ' ');
  return out;
}

function joinText(children: unknown[], run: boolean): unknown[] {
  const out: Array<Record<string, unknown>> = [];
  for (const child of children as Array<Record<string, unknown>>) {
    const text = child.type === 'break' ? ' ' : child.type === 'text' ? (child.value as string) : undefined;
    const previous = out[out.length - 1];
    if (text !== undefined && previous?.type === 'text') previous.value = `${previous.value as string}${text}`.replace(/\s+/g, ' ');
    else out.push(text !== undefined ? { type: 'text', value: text } : child);
  }
  if (run) {
    const first = out[0];
    if (first?.type === 'text') first.value = (first.value as string).trimStart();
    const last = out[out.length - 1];
    if (last?.type === 'text') last.value = (last.value as string).trimEnd();
  }
  return out.filter((child) => child.type !== 'text' || child.value !== '');
}
