import { tokenize } from '../core/fingerprint/tokens.ts';
import type { Dictionary } from '../core/fingerprint/windows.ts';

/** Packs an occurrence (atom, position) into one number: positions below 2^24, atoms below 2^29. */
const POSITION = 2 ** 24;

/**
 * Where the tokens of some matched windows occur in a list of atoms (the
 * strings a view may show), built in one pass over the atoms and only for
 * those tokens: the atoms that hold none of them are read and forgotten.
 */
class AtomIndex {
  /** Token id to packed occurrences. */
  private readonly occurrences = new Map<number, number[]>();
  /** Token id to the atoms it starts, and to those it ends. */
  private readonly starts = new Map<number, number[]>();
  private readonly ends = new Map<number, number[]>();
  /** Ids of every atom that holds a wanted token (tokens no fingerprint has are 0). */
  private readonly atoms = new Map<number, Int32Array>();
  /** Single tokens that are a run of an atom's tokens written together, as pagefind indexes compounds. */
  readonly joined = new Set<string>();

  constructor(atoms: Iterable<string>, dictionary: Dictionary, wanted: ReadonlySet<number>, singles: ReadonlySet<string>) {
    const prefixes = new Set<string>();
    let longest = 0;
    for (const single of singles) {
      for (let end = 1; end < single.length; end++) prefixes.add(single.slice(0, end));
      longest = Math.max(longest, single.length);
    }
    let atom = 0;
    for (const text of atoms) {
      const tokens = tokenize(text);
      if (tokens.length > 0) {
        const ids = dictionary.lookup(tokens);
        let kept = false;
        for (let position = 0; position < ids.length; position++) {
          const id = ids[position]!;
          if (!wanted.has(id)) continue;
          push(this.occurrences, id, atom * POSITION + Math.min(position, POSITION - 1));
          kept = true;
        }
        if (kept) {
          this.atoms.set(atom, ids);
          if (wanted.has(ids[0]!)) push(this.starts, ids[0]!, atom);
          if (wanted.has(ids[ids.length - 1]!)) push(this.ends, ids[ids.length - 1]!, atom);
        }
        if (prefixes.size > 0) this.findJoined(tokens, prefixes, singles, longest);
      }
      atom++;
    }
  }

  /** Notes every wanted single token that two or more consecutive tokens of an atom spell together. */
  private findJoined(tokens: readonly string[], prefixes: ReadonlySet<string>, singles: ReadonlySet<string>, longest: number): void {
    for (let i = 0; i < tokens.length; i++) {
      let joined = tokens[i]!;
      if (!prefixes.has(joined)) continue;
      for (let j = i + 1; j < tokens.length && joined.length < longest; j++) {
        joined += tokens[j]!;
        if (singles.has(joined)) this.joined.add(joined);
        if (!prefixes.has(joined)) break;
      }
    }
  }

  /**
   * Whether the window `w[from, to)` occurs in some atom at a position that
   * `where` accepts, given the atom's length. Looks only at the occurrences
   * of the window's rarest token, or at the atoms its first or last token
   * starts or ends when `edge` asks for one and that list is shorter.
   */
  find(w: Int32Array, from: number, to: number, where: (start: number, length: number) => boolean, edge?: 'start' | 'end'): boolean {
    const length = to - from;
    let anchor = from;
    let best = Number.POSITIVE_INFINITY;
    for (let i = from; i < to; i++) {
      const count = this.occurrences.get(w[i]!)?.length ?? 0;
      if (count === 0) return false;
      if (count < best) [anchor, best] = [i, count];
    }
    const edgeList = edge === 'start' ? this.starts.get(w[from]!) : edge === 'end' ? this.ends.get(w[to - 1]!) : undefined;
    if (edge && (edgeList?.length ?? 0) < best) {
      for (const atom of edgeList ?? []) {
        const ids = this.atoms.get(atom)!;
        const start = edge === 'start' ? 0 : ids.length - length;
        if (start >= 0 && where(start, ids.length) && matches(ids, start, w, from, to)) return true;
      }
      return false;
    }
    for (const packed of this.occurrences.get(w[anchor]!)!) {
      const ids = this.atoms.get(Math.floor(packed / POSITION))!;
      const start = (packed % POSITION) - (anchor - from);
      if (start >= 0 && start + length <= ids.length && where(start, ids.length) && matches(ids, start, w, from, to)) return true;
    }
    return false;
  }
}

function push(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function matches(ids: Int32Array, start: number, w: Int32Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (ids[start + i - from] !== w[i]) return false;
  return true;
}

/** One matched window to explain: its tokens as scanned, and whether it matched a single-token fingerprint. */
export interface Window {
  tokens: readonly string[];
  single: boolean;
}

/**
 * Decides whether text a view may see explains a window of scanned tokens
 * that matched a fingerprint of what it may not. A window is explained when
 * it lies inside one atom, or can be cut into the end of one atom, whole
 * atoms, and the start of another: text the pipeline made by putting
 * visible strings side by side. A single token is also explained when it is
 * consecutive tokens of one atom written together. The index is built
 * lazily, on the first windows to explain, from the atoms holding their
 * tokens only; a correct build has few, so the scan costs what it did.
 */
export class Explainer {
  readonly #atoms: () => Iterable<string>;
  readonly #dictionary: Dictionary;
  #index: AtomIndex | undefined;
  readonly #tokens = new Set<number>();
  readonly #singles = new Set<string>();

  /** `atoms` lists the strings the view may show; it is called again only when new tokens must be indexed. */
  constructor(dictionary: Dictionary, atoms: () => Iterable<string>) {
    this.#dictionary = dictionary;
    this.#atoms = atoms;
  }

  /** For each window, whether visible text explains it; `extra` are strings only this bundle may show (its recipient's name). */
  explain(windows: readonly Window[], extra: readonly string[] = []): boolean[] {
    if (windows.length === 0) return [];
    const ids = windows.map((window) => this.#dictionary.lookup(window.tokens));
    const tokens = new Set(ids.flatMap((run) => [...run]));
    const singles = new Set(windows.filter((window) => window.single).map((window) => window.tokens[0]!));
    const fresh = [...tokens].some((id) => !this.#tokens.has(id)) || [...singles].some((single) => !this.#singles.has(single));
    if (fresh || !this.#index) {
      // Rebuilt for everything asked so far: one more pass over the atoms, only when a new token comes up.
      tokens.forEach((id) => this.#tokens.add(id));
      singles.forEach((single) => this.#singles.add(single));
      this.#index = new AtomIndex(this.#atoms(), this.#dictionary, this.#tokens, this.#singles);
    }
    const indexes = extra.length > 0 ? [this.#index, new AtomIndex(extra, this.#dictionary, tokens, singles)] : [this.#index];
    const memo = new Map<string, boolean>();
    return windows.map((window, i) => {
      const key = `${window.single ? 's' : 'w'}:${window.tokens.join(' ')}`;
      let explained = memo.get(key);
      if (explained === undefined) memo.set(key, (explained = explains(ids[i]!, window, indexes)));
      return explained;
    });
  }
}

/** The test of `Explainer`, over atoms from several indexes. */
function explains(w: Int32Array, window: Window, indexes: readonly AtomIndex[]): boolean {
  const n = w.length;
  if (n === 0 || w.includes(0)) return false;
  const any = (where: (start: number, length: number) => boolean, from: number, to: number, edge?: 'start' | 'end') =>
    indexes.some((index) => index.find(w, from, to, where, edge));
  if (window.single && indexes.some((index) => index.joined.has(window.tokens[0]!))) return true;
  if (any(() => true, 0, n)) return true;
  // reach[i]: w[0, i) is the end of an atom followed by whole atoms.
  const reach = new Array<boolean>(n + 1).fill(false);
  for (let i = 1; i < n; i++) reach[i] = any((start, length) => start + i === length, 0, i, 'end');
  for (let i = 1; i < n; i++) {
    if (!reach[i]) continue;
    if (any((start) => start === 0, i, n, 'start')) return true;
    for (let j = i + 1; j < n; j++) {
      if (!reach[j] && any((start, length) => start === 0 && length === j - i, i, j, 'start')) reach[j] = true;
    }
  }
  return false;
}
