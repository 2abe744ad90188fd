import type { AgentTemplate } from '../../agents/catalog/index.js';
import { type RouteDecision, type RouteRequestOptions, SemanticRouter } from '../../agents/router/index.js';
import {
  type Embedder,
  EmbeddingUnavailableError,
  LocalEmbedder,
  reportEmbeddingFallback,
  typedOutages,
} from '../../shared/index.js';

/** The router the app exposes, and the routing function the catalog uses. */
export interface ResilientRouter {
  /** The router built on the configured embedder (or the local twin, when it was down at start). */
  readonly router: SemanticRouter;
  /** Routes with `router` (for the message's audience); on an embedding outage, routes that message with the local twin. */
  route(text: string, options?: RouteRequestOptions): Promise<RouteDecision>;
}

/**
 * A semantic router that keeps routing through an embedding outage. The router's intent examples are
 * embedded once, in the configured embedder's space; a message cannot be compared with them using
 * another embedder's vector. So the fallback is a twin router whose examples are embedded by the local
 * embedder (built on first need, ~0.2 s): a message Gemini cannot embed is routed by the twin,
 * like with like, with a warning and `ventros_embedding_fallbacks_total{consumer="router"}`. The router
 * files are untouched: only the embedder it receives is wrapped, so its failures are typed.
 *
 * @example
 * const { router, route } = await createResilientRouter(createEmbedder(env), TEMPLATES);
 */
export async function createResilientRouter(
  embedder: Embedder,
  templates: readonly AgentTemplate[],
  given?: SemanticRouter,
): Promise<ResilientRouter> {
  let twin: Promise<SemanticRouter> | undefined;
  const localTwin = (): Promise<SemanticRouter> => {
    twin ??= SemanticRouter.create({ embedder: new LocalEmbedder(), templates }).catch((error: unknown) => {
      twin = undefined;
      throw error;
    });
    return twin;
  };

  let router = given;
  if (!router) {
    try {
      router = await SemanticRouter.create({ embedder: typedOutages(embedder), templates });
    } catch (error) {
      if (!(error instanceof EmbeddingUnavailableError)) throw error;
      // Down at start: serve with the local twin rather than refuse to start.
      reportEmbeddingFallback('router', embedder.id, error, 'the local embedder until the next start');
      router = await localTwin();
    }
  }
  const primary = router;
  return {
    router: primary,
    async route(text, options) {
      try {
        return await primary.route(text, options);
      } catch (error) {
        if (!(error instanceof EmbeddingUnavailableError)) throw error;
        reportEmbeddingFallback('router', error.embedderId, error, 'the local embedder for this message');
        return (await localTwin()).route(text, options);
      }
    },
  };
}
