import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ClassifierCache, fileClassifierCache } from '../../../src/agents/router/classifier-cache.js';
import { DEFAULT_CLASSIFIER_TRAINING, IntentClassifier } from '../../../src/agents/router/intent-classifier.js';

const CLASSES = [
  { id: 'billing', texts: ['minha fatura veio errada', 'segunda via do boleto', 'why is my invoice higher'] },
  { id: 'churn', texts: ['quero cancelar', 'vou pro concorrente', "we've decided not to renew"] },
  { id: 'schedule', texts: ['remarcar a reunião', 'can we move the call', 'agendar uma visita'] },
];
const PROBES = ['a fatura de outubro', 'cancelar o contrato', 'mover a reunião pra sexta', 'oi'];

/** An in-memory cache that counts what it was asked. */
function countingCache(): ClassifierCache & {
  reads: number;
  hits: number;
  writes: number;
  store: Map<string, Uint8Array>;
} {
  const store = new Map<string, Uint8Array>();
  const cache = {
    reads: 0,
    hits: 0,
    writes: 0,
    store,
    read(key: string) {
      cache.reads++;
      const bytes = store.get(key);
      if (bytes) cache.hits++;
      return bytes;
    },
    write(key: string, bytes: Uint8Array) {
      cache.writes++;
      store.set(key, Uint8Array.from(bytes));
    },
  };
  return cache;
}

const predictions = (classifier: IntentClassifier) => PROBES.map((text) => [...classifier.predict(text)]);

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('classifier weights cached between processes', () => {
  it('gives the very same classifier from cached weights as from training', () => {
    const cache = countingCache();
    const trained = IntentClassifier.train(CLASSES, DEFAULT_CLASSIFIER_TRAINING, cache);
    expect(cache).toMatchObject({ reads: 1, hits: 0, writes: 1 });
    const loaded = IntentClassifier.train(CLASSES, DEFAULT_CLASSIFIER_TRAINING, cache);
    expect(cache).toMatchObject({ reads: 2, hits: 1, writes: 1 });
    expect(predictions(loaded)).toEqual(predictions(trained));
    expect(predictions(trained)).toEqual(predictions(IntentClassifier.train(CLASSES)));
  });

  it('trains again when the samples or the settings differ (another key)', () => {
    const cache = countingCache();
    IntentClassifier.train(CLASSES, DEFAULT_CLASSIFIER_TRAINING, cache);
    const edited = CLASSES.map((c, i) => (i === 0 ? { ...c, texts: [...c.texts, 'nota fiscal do mês'] } : c));
    IntentClassifier.train(edited, DEFAULT_CLASSIFIER_TRAINING, cache);
    IntentClassifier.train(CLASSES, { ...DEFAULT_CLASSIFIER_TRAINING, epochs: 3 }, cache);
    expect(cache).toMatchObject({ hits: 0, writes: 3 });
    expect(cache.store.size).toBe(3);
  });

  it('ignores stored bytes of the wrong length and trains', () => {
    const cache = countingCache();
    IntentClassifier.train(CLASSES, DEFAULT_CLASSIFIER_TRAINING, cache);
    const [key] = [...cache.store.keys()];
    cache.store.set(key as string, new Uint8Array(7));
    const retrained = IntentClassifier.train(CLASSES, DEFAULT_CLASSIFIER_TRAINING, cache);
    expect(cache.writes).toBe(2);
    expect(predictions(retrained)).toEqual(predictions(IntentClassifier.train(CLASSES)));
  });

  it('keeps files in a directory, read back by another cache on it, and only the newest few', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ventros-classifier-cache-'));
    dirs.push(dir);
    const first = fileClassifierCache(dir);
    first.write('k0', Uint8Array.from([1, 2, 3, 4]));
    expect([...(fileClassifierCache(dir).read('k0') ?? [])]).toEqual([1, 2, 3, 4]);
    expect(first.read('absent')).toBeUndefined();
    for (let i = 1; i <= 9; i++) {
      writeFileSync(join(dir, `router-classifier-old${i}.bin`), 'x');
      const then = new Date(Date.now() - i * 60_000);
      utimesSync(join(dir, `router-classifier-old${i}.bin`), then, then);
    }
    first.write('k1', Uint8Array.from([5]));
    const left = readdirSync(dir).sort();
    expect(left).toHaveLength(8);
    expect(left).toContain('router-classifier-k0.bin');
    expect(left).toContain('router-classifier-k1.bin');
    expect(left).not.toContain('router-classifier-old9.bin');
  });

  it('never fails training when the directory cannot be written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ventros-classifier-cache-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'a-file'), 'x');
    const cache = fileClassifierCache(join(dir, 'a-file', 'below'));
    expect(() => IntentClassifier.train(CLASSES, DEFAULT_CLASSIFIER_TRAINING, cache)).not.toThrow();
  });
});
