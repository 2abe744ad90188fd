import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorMessage, logger } from '../../shared/index.js';

/**
 * Where trained classifier weights are kept between processes. Training takes ~1.5–2.5 s of CPU at
 * every start (every `ventros` command that routes, every app a test builds); the weights depend only
 * on the featurised training samples, the settings and the trainer's code, so a process that finds
 * weights under that key skips the training and gets the very same classifier.
 */
export interface ClassifierCache {
  /** The weights stored under `key`, or undefined (absent, unreadable). */
  read(key: string): Uint8Array | undefined;
  /** Stores them; a failure is not an error (the next start trains again). */
  write(key: string, bytes: Uint8Array): void;
}

/** Files kept per directory: older training sets (edited data, other checkouts) are removed. */
const KEEP_FILES = 8;
const PREFIX = 'router-classifier-';

/** The default cache: files under the OS temp dir, shared by every process of the machine. */
export function defaultClassifierCacheDir(): string {
  return join(tmpdir(), 'ventros-cache');
}

/**
 * A cache of files `router-classifier-<key>.bin` in `dir`, written atomically (a temp file renamed), so
 * concurrent processes (test workers, `serve --workers`) never read a half-written one.
 */
export function fileClassifierCache(dir = defaultClassifierCacheDir()): ClassifierCache {
  const log = logger.child({ component: 'router' });
  const pathOf = (key: string) => join(dir, `${PREFIX}${key}.bin`);
  return {
    read(key) {
      try {
        return readFileSync(pathOf(key));
      } catch {
        return undefined;
      }
    },
    write(key, bytes) {
      try {
        mkdirSync(dir, { recursive: true });
        const temp = `${pathOf(key)}.${process.pid}.tmp`;
        writeFileSync(temp, bytes);
        renameSync(temp, pathOf(key));
        prune(dir);
      } catch (error) {
        log.debug({ dir, error: errorMessage(error) }, 'router classifier weights not cached');
      }
    },
  };
}

function prune(dir: string): void {
  const files = readdirSync(dir)
    .filter((name) => name.startsWith(PREFIX) && name.endsWith('.bin'))
    .map((name) => ({ path: join(dir, name), mtime: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of files.slice(KEEP_FILES)) unlinkSync(old.path);
}

/** A key over everything training reads: settings, class count, every sample's label and features. */
export function trainingKey(parts: {
  trainer: string;
  settings: object;
  classes: number;
  vocabulary: number;
  samples: ReadonlyArray<{ label: number; features: readonly number[] }>;
}): string {
  const hash = createHash('sha256');
  hash.update(parts.trainer);
  hash.update(JSON.stringify([parts.settings, parts.classes, parts.vocabulary, parts.samples.length]));
  for (const sample of parts.samples) {
    hash.update(Int32Array.from([sample.label, sample.features.length, ...sample.features]));
  }
  return hash.digest('hex').slice(0, 40);
}
