import { z } from 'zod';
import { type Audience, type Embedder, InvalidInputError, normalizeText } from '../../shared/index.js';
import type { AgentCategory, AgentTemplate } from '../catalog/template.js';
import { TEMPLATES } from '../catalog/templates.js';
import { type Calibration, calibrate, DEFAULT_CALIBRATION } from './calibration.js';
import { type ClassifierCache, fileClassifierCache } from './classifier-cache.js';
import { type ClassifierTraining, DEFAULT_CLASSIFIER_TRAINING, IntentClassifier } from './intent-classifier.js';
import { KeywordIndex } from './keyword-matcher.js';
import { type LexicalFeatures, LexicalIndex } from './lexical-index.js';
import { NearestExamples } from './nearest-examples.js';
import { isOptOut } from './opt-out.js';
import { realRequest } from './real-request.js';
import { ROUTER_TRAINING } from './training/index.js';

/** The router's answer for one message. */
export interface RouteDecision {
  templateId: string;
  category: AgentCategory;
  /** Calibrated 0..1. For a fallback: how sure the router is that no specialist fits. */
  confidence: number;
  /** True when no template cleared the threshold and the fallback template was chosen. */
  fallback: boolean;
  /** The five best templates by raw score, best first. */
  scores: Array<{ templateId: string; score: number }>;
  /** `model` when a configured model decided a close call (llm-tie-breaker.ts); absent: the router. */
  decidedBy?: 'model';
}

/** How a template's score is computed from its examples. */
export interface RouterScoring {
  /** Weight of the nearest example's similarity; the centroid's weight is `1 − nearestWeight`. */
  nearestWeight: number;
  /**
   * Weight of the lexical (TF-IDF over the examples) similarity; the embedder's similarity gets
   * `1 − lexicalWeight`. With the LocalEmbedder the lexical channel carries most of the signal; with a
   * semantic embedder (Gemini) a lower value lets the embedding speak more.
   */
  lexicalWeight: number;
  /** Added per routing keyword found in the message. */
  keywordBoost: number;
  /** Cap of the total keyword boost of one template. */
  maxKeywordBoost: number;
  /**
   * Weight of the intent classifier's probability; the similarity score above gets `1 − classifierWeight`.
   * 0 routes on similarity alone (and calibrates its confidence from the scores, as before the classifier).
   */
  classifierWeight: number;
}

/** Measured on the labelled routing set (see the accuracy test, which prints every variant). */
export const DEFAULT_SCORING: RouterScoring = {
  nearestWeight: 0.3,
  lexicalWeight: 0.7,
  keywordBoost: 0.03,
  maxKeywordBoost: 0.06,
  classifierWeight: 0.8,
};
/**
 * Below this confidence the router abstains: the decision is a fallback, and the coordinator answers (a
 * configured LLM decides the close call, or asks). Re-checked on the leave-one-set-out estimate
 * (bench/router-loso.ts: trained on DEV + one retired holdout, scored on the other, three seeds,
 * 2026-12-04 data): decisions at 0.3–0.4 are right about 4 times in 10 (10 of 24) and under 0.3 about 2
 * in 10 — less than half, so a guess there is worth less than the coordinator. Routing them would score
 * ~0.7 points more
 * on that estimate (a handover counts as `balanced`, rarely acceptable), but it sends ambiguous messages
 * ("to com um problema aqui") to a specialist instead of a clarifying question, which the eval gate
 * (evals/coordinator.yaml) refuses.
 */
export const DEFAULT_ABSTAIN_BELOW = 0.4;
/** Below this blended score the message goes to the fallback template. */
export const DEFAULT_THRESHOLD = 0.05;
/** Messages are cut to this many characters before embedding: routing needs the gist, not an essay. */
const MAX_ROUTED_CHARS = 2_000;

const optionsSchema = z.object({
  threshold: z.number().min(0).max(1).optional(),
  fallbackTemplateId: z.string().optional(),
  scoring: z
    .object({
      nearestWeight: z.number().min(0).max(1),
      lexicalWeight: z.number().min(0).max(1),
      keywordBoost: z.number().min(0).max(1),
      maxKeywordBoost: z.number().min(0).max(1),
      classifierWeight: z.number().min(0).max(1),
    })
    .optional(),
  abstainBelow: z.number().min(0).max(1).optional(),
});

export interface SemanticRouterOptions {
  embedder: Embedder;
  /** Defaults to the catalog's TEMPLATES; templates without intent examples (coordinator) are not routed to. */
  templates?: readonly AgentTemplate[];
  threshold?: number;
  /** Default `balanced`. */
  fallbackTemplateId?: string;
  scoring?: RouterScoring;
  calibration?: Calibration;
  /** Confidence under which the router abstains (fallback); default DEFAULT_ABSTAIN_BELOW. */
  abstainBelow?: number;
  /** Training utterances by template id, besides each template's intent examples; default ROUTER_TRAINING. */
  training?: Readonly<Record<string, readonly string[]>>;
  /** How the classifier is trained; default DEFAULT_CLASSIFIER_TRAINING. */
  classifierTraining?: ClassifierTraining;
  /**
   * Where trained weights are kept between processes (default: files under the OS temp dir, see
   * `fileClassifierCache`); `false` trains every time.
   */
  classifierCache?: ClassifierCache | false;
  signal?: AbortSignal;
}

/** How one message is routed: its deadline, and who wrote it. */
export interface RouteRequestOptions {
  signal?: AbortSignal;
  /**
   * `customer`: only customer-facing templates are candidates (an internal agent is never chosen for a
   * customer, whatever the message says). `staff` (or absent): every template.
   */
  audience?: Audience;
}

interface Route {
  template: AgentTemplate;
  /** Its examples' rows in the router's NearestExamples: `firstExample` .. `firstExample + exampleCount − 1`. */
  firstExample: number;
  exampleCount: number;
  centroid: Float32Array;
}

function meanVector(vectors: readonly Float32Array[], dimensions: number): Float32Array {
  const mean = new Float32Array(dimensions);
  for (const v of vectors) {
    for (let i = 0; i < dimensions; i++) mean[i] = (mean[i] as number) + (v[i] as number) / vectors.length;
  }
  return mean;
}

// Subtracting the mean of all examples removes what every intent shares ("quero", "tem", "como"):
// measured on the labelled set it lifts holdout category accuracy by ~3 points with the LocalEmbedder.
function centerInPlace(v: Float32Array, center: Float32Array): void {
  let norm = 0;
  for (let i = 0; i < v.length; i++) {
    v[i] = (v[i] as number) - (center[i] as number);
    norm += (v[i] as number) ** 2;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / norm;
}

function normalizedMean(vectors: readonly Float32Array[], dimensions: number): Float32Array {
  const mean = new Float32Array(dimensions);
  for (const v of vectors) for (let i = 0; i < dimensions; i++) mean[i] = (mean[i] as number) + (v[i] as number);
  let norm = 0;
  for (let i = 0; i < dimensions; i++) norm += (mean[i] as number) ** 2;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < dimensions; i++) mean[i] = (mean[i] as number) / norm;
  return mean;
}

/**
 * Intent routing (the seed's semantic router). Two channels, both learned at `create` from data (no
 * download, deterministic):
 *
 * - an intent classifier (multinomial logistic regression over words, word pairs, character n-grams,
 *   negation-scoped words and tone cues; see `IntentClassifier`) trained on every template's intent
 *   examples plus the router's training utterances in PT-BR, English and Spanish (`training/`);
 * - similarity: every template's intent examples embedded once and indexed lexically (TF-IDF over
 *   words, word pairs and character trigrams; see `LexicalIndex`), a blend of nearest example and
 *   centroid, plus bounded keyword boosts from the template's own `routing_keywords`.
 *
 * A template's score blends the classifier's probability with the similarity. The confidence is the
 * classifier's probability of the chosen template among the audience's candidates (a customer's
 * message is routed among customer-facing templates only). Below `abstainBelow`, or when no word of the
 * message was ever seen, the router abstains: a fallback decision for `balanced`, which `auto` answers
 * with the coordinator (or a clarifying question).
 *
 * @example
 * const router = await SemanticRouter.create({ embedder: new LocalEmbedder() });
 * (await router.route('quero cancelar, ta muito caro', { audience: 'customer' })).templateId // 'retention_churn'
 */
export class SemanticRouter {
  readonly threshold: number;
  readonly fallbackTemplateId: string;
  readonly scoring: RouterScoring;
  readonly abstainBelow: number;
  readonly #embedder: Embedder;
  readonly #routes: readonly Route[];
  readonly #fallback: AgentTemplate;
  readonly #calibration: Calibration;
  readonly #center: Float32Array;
  readonly #lexical: LexicalIndex;
  readonly #classifier: IntentClassifier;
  readonly #examples: NearestExamples;
  readonly #keywords: KeywordIndex;
  /** Every route's index, and the customer-facing ones': the candidates of each audience, fixed at `create`. */
  readonly #everyRoute: readonly number[];
  readonly #customerRoutes: readonly number[];
  /**
   * Scratch of one route's scoring (`#boundedScores`, `#boosts`): `route` scores synchronously after its
   * embedding, so two calls never interleave, and nothing read from these outlives the call.
   */
  readonly #scratch: {
    boosts: Float64Array;
    nearest: { lo: Float64Array; hi: Float64Array };
    centroid: { lo: Float64Array; hi: Float64Array };
  };
  /** `#score`'s entry of each route (`#scoredAs`). */
  readonly #scored: ScoredCandidate[];
  /** The running route's centered query (`#centered`); the embedder's dimensions, unless it answers otherwise. */
  #queryScratch: Float32Array;

  private constructor(parts: {
    center: Float32Array;
    examples: NearestExamples;
    keywords: KeywordIndex;
    lexical: LexicalIndex;
    classifier: IntentClassifier;
    embedder: Embedder;
    routes: Route[];
    fallback: AgentTemplate;
    threshold: number;
    scoring: RouterScoring;
    calibration: Calibration;
    abstainBelow: number;
  }) {
    this.#center = parts.center;
    this.#examples = parts.examples;
    this.#keywords = parts.keywords;
    this.#lexical = parts.lexical;
    this.#classifier = parts.classifier;
    this.#embedder = parts.embedder;
    this.#routes = parts.routes;
    this.#fallback = parts.fallback;
    this.fallbackTemplateId = parts.fallback.template_id;
    this.threshold = parts.threshold;
    this.scoring = parts.scoring;
    this.#calibration = parts.calibration;
    this.abstainBelow = parts.abstainBelow;
    this.#everyRoute = parts.routes.map((_, i) => i);
    this.#customerRoutes = this.#everyRoute.filter((i) => (parts.routes[i] as Route).template.customer_facing);
    this.#queryScratch = new Float32Array(parts.embedder.dimensions);
    this.#scored = parts.routes.map((route, index) => ({
      index,
      templateId: route.template.template_id,
      score: Number.NaN,
      similarity: Number.NaN,
      confidence: Number.NaN,
    }));
    const count = parts.routes.length;
    this.#scratch = {
      boosts: new Float64Array(count),
      nearest: { lo: new Float64Array(count), hi: new Float64Array(count) },
      centroid: { lo: new Float64Array(count), hi: new Float64Array(count) },
    };
  }

  /**
   * Embeds every intent example in one batch, builds the lexical index and trains the classifier.
   * @throws InvalidInputError on bad options, an unknown fallback, or no routable template.
   */
  static async create(options: SemanticRouterOptions): Promise<SemanticRouter> {
    const parsed = optionsSchema.safeParse(options);
    if (!parsed.success) throw new InvalidInputError(`invalid router options: ${parsed.error.message}`);
    const templates = options.templates ?? TEMPLATES;
    const fallbackId = options.fallbackTemplateId ?? 'balanced';
    const fallback = templates.find((t) => t.template_id === fallbackId);
    if (!fallback) throw new InvalidInputError(`router fallback template "${fallbackId}" is not among the templates`);
    const routable = templates.filter((t) => t.category !== 'coordinator' && t.intent_examples.length > 0);
    if (routable.length === 0) throw new InvalidInputError('no template has intent examples to route to');

    const texts = routable.flatMap((t) => t.intent_examples);
    const vectors = await options.embedder.embed(texts, options.signal);
    if (vectors.length !== texts.length) {
      throw new InvalidInputError(
        `embedder ${options.embedder.id} returned ${vectors.length} vectors for ${texts.length} texts`,
      );
    }
    const center = meanVector(vectors, options.embedder.dimensions);
    const rawVectors = vectors.map((v) => v.slice());
    for (const v of vectors) centerInPlace(v, center);
    let offset = 0;
    const routes = routable.map((template): Route => {
      const firstExample = offset;
      const examples = vectors.slice(offset, offset + template.intent_examples.length);
      offset += template.intent_examples.length;
      return {
        template,
        firstExample,
        exampleCount: examples.length,
        centroid: normalizedMean(examples, options.embedder.dimensions),
      };
    });
    const scoring = options.scoring ?? DEFAULT_SCORING;
    const lexical = new LexicalIndex(
      routable.map((t) => ({ id: t.template_id, examples: t.intent_examples })),
      scoring.nearestWeight,
    );
    const training = options.training ?? ROUTER_TRAINING;
    const classifier = trainedClassifier(
      routable,
      training,
      options.classifierTraining ?? DEFAULT_CLASSIFIER_TRAINING,
      options.classifierCache === false ? undefined : (options.classifierCache ?? defaultCache()),
    );
    return new SemanticRouter({
      center,
      examples: new NearestExamples(
        rawVectors,
        vectors,
        options.embedder.dimensions,
        center,
        routes.map((r) => ({ first: r.firstExample, count: r.exampleCount })),
        routes.map((r) => r.centroid),
      ),
      keywords: new KeywordIndex(routes.map((r) => r.template.routing_keywords)),
      lexical,
      classifier,
      embedder: options.embedder,
      routes,
      fallback,
      threshold: options.threshold ?? DEFAULT_THRESHOLD,
      scoring,
      calibration: options.calibration ?? DEFAULT_CALIBRATION,
      abstainBelow: options.abstainBelow ?? DEFAULT_ABSTAIN_BELOW,
    });
  }

  /** `raw` centered (`centerInPlace`) in the query scratch: valid until the next route's scoring. */
  #centered(raw: Float32Array): Float32Array {
    if (this.#queryScratch.length !== raw.length) this.#queryScratch = new Float32Array(raw.length);
    const query = this.#queryScratch;
    query.set(raw);
    centerInPlace(query, this.#center);
    return query;
  }

  /** Ids of the templates this router can choose (besides the fallback). */
  get routableTemplateIds(): string[] {
    return this.#routes.map((r) => r.template.template_id);
  }

  /** Routes one message for its audience. Empty text goes to the fallback. */
  async route(text: string, options: RouteRequestOptions = {}): Promise<RouteDecision> {
    const whole = text.slice(0, MAX_ROUTED_CHARS);
    if (normalizeText(whole) === '') return this.#fallbackDecision([], 1);
    // "não quero cancelar, só quero entender a fatura": route what is asked, not what is denied.
    const clipped = realRequest(whole);
    const raw = (await this.#embedder.embed([clipped], options.signal))[0];
    if (!raw) throw new InvalidInputError(`embedder ${this.#embedder.id} returned no vector`);
    // The raw embedding (left as the embedder returned it) lets the nearest-example search skip most of
    // its dense work (NearestExamples); the centered copy goes to the router's scratch, not a new array.
    const query = this.#centered(raw);
    // No word the router has ever seen (gibberish, "kkkkk", another alphabet): similarity would only
    // be hash collisions, so go straight to the fallback — unless the message opts out in a form no
    // training line had ("descadastro", "unsubscribing"): the opt-out cue decides, not the words.
    const features = this.#lexical.features(clipped);
    const optingOut = isOptOut(clipped);
    if (!optingOut && !features.knowsAnyWord && !this.#classifier.knows(clipped))
      return this.#fallbackDecision([], 0.9);
    const candidates = this.#candidates(options.audience);
    const scored = this.#score(query, raw, clipped, features, candidates, options.audience);
    const best = scored[0];
    if (!best) return this.#fallbackDecision([], 1);
    const top = scored.slice(0, 5).map(({ templateId, score }) => ({ templateId, score }));
    const confidence = Math.round(best.confidence * 1e4) / 1e4;
    if (best.similarity < this.threshold && this.scoring.classifierWeight === 0) {
      return this.#fallbackDecision(top, 1 - confidence);
    }
    // Unsure: say so. The coordinator (or a clarifying question) is worth more than a guess.
    if (confidence < this.abstainBelow && !optingOut) return this.#fallbackDecision(top, 1 - confidence);
    const optOut = optingOut ? scored.find((s) => s.templateId === OPT_OUT_TEMPLATE_ID) : undefined;
    if (optOut) {
      // An opt-out is a preference to record, never a cancellation to fight: the campaign agent answers.
      const rest = top.filter((s) => s.templateId !== OPT_OUT_TEMPLATE_ID);
      return {
        templateId: optOut.templateId,
        category: (this.#routes[optOut.index] as Route).template.category,
        confidence: Math.max(OPT_OUT_CONFIDENCE, Math.round(optOut.confidence * 1e4) / 1e4),
        fallback: false,
        scores: [{ templateId: optOut.templateId, score: optOut.score }, ...rest].slice(0, 5),
      };
    }
    const route = this.#routes[best.index] as Route;
    return { templateId: best.templateId, category: route.template.category, confidence, fallback: false, scores: top };
  }

  /**
   * Raw similarity score of every routable template for a message and its (centered) embedding, best
   * first: lexical and embedding similarity (each a nearest-example/centroid blend) plus keyword boosts.
   */
  scoreAll(query: Float32Array, text: string): Array<{ templateId: string; score: number }> {
    const similarity = this.#similarity(query, undefined, text, this.#lexical.features(text));
    return this.#routes
      .map((route, i) => ({ templateId: route.template.template_id, score: round(similarity[i] as number) }))
      .sort((a, b) => b.score - a.score);
  }

  /**
   * `features` are the text's lexical features (extracted once per route); `raw` the query before
   * centering, when known (it only makes the nearest-example search cheaper, never different).
   */
  #similarity(
    query: Float32Array,
    raw: Float32Array | undefined,
    text: string,
    features: LexicalFeatures,
  ): Float64Array {
    const lexical = this.#lexical.scoreFeatures(features);
    const boosts = this.#boosts(text);
    const count = this.#routes.length;
    const scores = new Float64Array(count);
    const nearest = new Float64Array(count);
    this.#examples.nearestInto(raw, query, nearest);
    const centroid = new Float64Array(count);
    this.#examples.centroidsInto(query, centroid);
    for (let i = 0; i < count; i++) {
      scores[i] = this.#blend(lexical[i] as number, nearest[i] as number, centroid[i] as number, boosts[i] as number);
    }
    return scores;
  }

  /**
   * The channels of every route's similarity, with the embedding's as bounds from the example screen
   * (`NearestExamples.screenInto`), or undefined when the query does not fit the screen.
   */
  #boundedScores(query: Float32Array, raw: Float32Array, text: string, features: LexicalFeatures) {
    const { nearest, centroid } = this.#scratch;
    if (!this.#examples.screenInto(raw, query, nearest, centroid)) return undefined;
    return { lexical: this.#lexical.scoreFeatures(features), boosts: this.#boosts(text), nearest, centroid };
  }

  /** Each route's keyword boost for the text (in the router's scratch: valid until the next call). */
  #boosts(text: string): Float64Array {
    const { keywordBoost, maxKeywordBoost } = this.scoring;
    const counts = this.#keywords.counts(text);
    const boosts = this.#scratch.boosts;
    for (let i = 0; i < counts.length; i++) boosts[i] = Math.min(maxKeywordBoost, keywordBoost * (counts[i] as number));
    return boosts;
  }

  /**
   * A route's similarity from its channels. Non-decreasing in `nearest` and `centroid` (the weights are
   * in 0..1 and float rounding is monotone), so bounds of those give bounds of this, in floating point.
   */
  #blend(lexical: number, nearest: number, centroid: number, boost: number): number {
    const { nearestWeight, lexicalWeight } = this.scoring;
    const embedded = nearestWeight * nearest + (1 - nearestWeight) * centroid;
    return lexicalWeight * lexical + (1 - lexicalWeight) * embedded + boost;
  }

  /** Indices of the routes an audience may reach. */
  #candidates(audience: Audience | undefined): readonly number[] {
    return audience === 'customer' ? this.#customerRoutes : this.#everyRoute;
  }

  /**
   * Route i's entry of `#scored`, set to these values. One object per route, reused by every route call
   * (a message's 19 candidates were 2 KB of garbage): `route` reads them synchronously and copies what
   * its decision keeps.
   */
  #scoredAs(index: number, templateId: string, score: number, similarity: number, confidence: number) {
    const entry = this.#scored[index] as ScoredCandidate;
    entry.templateId = templateId;
    entry.score = score;
    entry.similarity = similarity;
    entry.confidence = confidence;
    return entry;
  }

  /**
   * Candidates scored (classifier probability blended with similarity), best first, with confidences.
   * The entries are the router's (`#scoredAs`): valid until the next route's scoring.
   */
  #score(
    query: Float32Array,
    raw: Float32Array,
    text: string,
    features: LexicalFeatures,
    candidates: readonly number[],
    audience: Audience | undefined,
  ) {
    const w = this.scoring.classifierWeight;
    const probabilities = w > 0 ? this.#classifier.predict(text) : undefined;
    // Staff mostly ask the internal agents (metrics, agent quality): "quantos clientes cancelaram" is BI
    // for a manager. A prior, not a filter: staff may still play a customer's message.
    if (probabilities && audience === 'staff') {
      for (const i of candidates) {
        if (!(this.#routes[i] as Route).template.customer_facing)
          probabilities[i] = (probabilities[i] as number) * STAFF_INTERNAL_PRIOR;
      }
    }
    let mass = 0;
    if (probabilities) for (const i of candidates) mass += probabilities[i] as number;
    const bounded = probabilities ? this.#boundedScores(query, raw, text, features) : undefined;
    const similarity = bounded ? undefined : this.#similarity(query, raw, text, features);
    // A plain loop, no closure per call or candidate: this runs on every message.
    const scored: ScoredCandidate[] = [];
    for (const i of candidates) {
      const p = probabilities ? (probabilities[i] as number) / (mass || 1) : 0;
      const templateId = (this.#routes[i] as Route).template.template_id;
      if (bounded) {
        // The score is a rounded blend: within the bounds of the similarity it is usually one value,
        // which is then the exact score; else the similarity is computed exactly (~0.05 % of candidates, ~1 %
        // of routes, on bench/router-decisions.ts).
        const { lexical, boosts, nearest, centroid } = bounded;
        const l = lexical[i] as number;
        const boost = boosts[i] as number;
        const low = this.#roundedScore(w, p, l, nearest.lo[i] as number, centroid.lo[i] as number, boost);
        const score = Object.is(
          low,
          this.#roundedScore(w, p, l, nearest.hi[i] as number, centroid.hi[i] as number, boost),
        )
          ? low
          : this.#roundedScore(
              w,
              p,
              l,
              this.#examples.exactNearest(query, i),
              this.#examples.exactCentroid(query, i),
              boost,
            );
        // With the classifier on, a candidate's unrounded similarity is never read.
        scored.push(this.#scoredAs(i, templateId, score, Number.NaN, p));
        continue;
      }
      const s = (similarity as Float64Array)[i] as number;
      scored.push(this.#scoredAs(i, templateId, round(w * p + (1 - w) * s), s, p));
    }
    sortByScoreDescending(scored);
    if (!probabilities) {
      const best = scored[0];
      if (best)
        best.confidence = calibrate(best.similarity, scored[1]?.similarity ?? 0, this.threshold, this.#calibration);
    }
    return scored;
  }

  /** A candidate's score from its classifier probability `p` and its similarity's channels. */
  #roundedScore(w: number, p: number, lexical: number, nearest: number, centroid: number, boost: number): number {
    return round(w * p + (1 - w) * this.#blend(lexical, nearest, centroid, boost));
  }

  #fallbackDecision(scores: RouteDecision['scores'], confidence: number): RouteDecision {
    return {
      templateId: this.#fallback.template_id,
      category: this.#fallback.category,
      confidence: Math.round(confidence * 1e4) / 1e4,
      fallback: true,
      scores,
    };
  }
}

/** The template that answers opt-outs ("STOP", "parar de receber", "no me escriban más"). */
const OPT_OUT_TEMPLATE_ID = 'marketing_campaign';
/** Confidence of an opt-out decision: the cue is explicit, whatever the classifier thought. */
const OPT_OUT_CONFIDENCE = 0.95;

/** How much more likely an internal template is, a priori, for a staff message than for a customer's. */
const STAFF_INTERNAL_PRIOR = 8;

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/** One candidate of `#score`. */
interface ScoredCandidate {
  index: number;
  templateId: string;
  score: number;
  similarity: number;
  confidence: number;
}

/**
 * `b.score − a.score` as the sort reads it (only its sign, and NaN — neither below nor at or above 0 —
 * as NaN): a difference of doubles returned to the sort builtin is a new heap number per comparison,
 * a small integer is not.
 */
const byScoreDescending = (a: ScoredCandidate, b: ScoredCandidate): number => {
  const difference = b.score - a.score;
  if (difference > 0) return 1;
  if (difference < 0) return -1;
  return difference === 0 ? 0 : Number.NaN;
};

/**
 * `candidates.sort(byScoreDescending)` in place, without the sort builtin's work arrays and its calls
 * back into the comparator (a route sorts ~19 candidates). A stable insertion sort: with finite scores
 * the order is total, so every stable sort gives this very order; a NaN or infinite score (only a
 * broken embedder's vector could cause one; ∞ − ∞ is NaN) leaves the order to the builtin, as before.
 */
function sortByScoreDescending(candidates: ScoredCandidate[]): void {
  for (const candidate of candidates) {
    if (!Number.isFinite(candidate.score)) {
      candidates.sort(byScoreDescending);
      return;
    }
  }
  for (let i = 1; i < candidates.length; i++) {
    const candidate = candidates[i] as ScoredCandidate;
    let j = i - 1;
    // Strictly lower scores move right: equal ones keep their order (stable).
    while (j >= 0 && (candidates[j] as ScoredCandidate).score < candidate.score) {
      candidates[j + 1] = candidates[j] as ScoredCandidate;
      j--;
    }
    candidates[j + 1] = candidate;
  }
}

// Routers are built per app (and evals open many apps): the classifier is trained once per set of
// templates and training data, which are frozen module constants in production.
const classifiers = new WeakMap<object, WeakMap<object, IntentClassifier>>();

let sharedCache: ClassifierCache | undefined;
const defaultCache = () => {
  sharedCache ??= fileClassifierCache();
  return sharedCache;
};

function trainedClassifier(
  routable: readonly AgentTemplate[],
  training: Readonly<Record<string, readonly string[]>>,
  settings: ClassifierTraining,
  cache: ClassifierCache | undefined,
): IntentClassifier {
  const key = routable[0] as AgentTemplate;
  const cached = classifiers.get(training)?.get(key);
  if (cached && cached.ids.join() === routable.map((t) => t.template_id).join()) return cached;
  const classifier = IntentClassifier.train(
    routable.map((t) => ({ id: t.template_id, texts: [...t.intent_examples, ...(training[t.template_id] ?? [])] })),
    settings,
    cache,
  );
  let byTemplates = classifiers.get(training);
  if (!byTemplates) {
    byTemplates = new WeakMap();
    classifiers.set(training, byTemplates);
  }
  byTemplates.set(key, classifier);
  return classifier;
}
