import { createCardStore, type RenderedCard, type SharedCardCache } from './cache/index.js';
import type { RenderJob } from './compose/index.js';
import { type LoadedFonts, loadFonts } from './fonts/index.js';
import { createAssetResolver, type ImageLoader } from './photo/index.js';
import { createInProcessRenderer, createRenderPool } from './render/index.js';
import type { CardFormat, CardSpec, CardTemplate } from './spec.js';
import { CardNaming } from './version.js';

export interface CardServiceLog {
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface CardServiceDeps {
  fontsDir: string;
  /** Fonts already loaded (else read from fontsDir). */
  fonts?: LoadedFonts;
  imageLoader: ImageLoader;
  /** Directory of the disk cache, e.g. `<dataDir>/cards`; none keeps cards in memory only. */
  cacheDir?: string;
  cacheMaxBytes: number;
  /** Byte budget of the disk cache; 1 GiB by default. */
  cacheDiskMaxBytes?: number;
  /** Render worker processes; 0 draws in this process instead (a one-shot command: render/in-process.ts). */
  workers: number;
  /** A render worker idle this long exits (render-pool.ts); 0 or absent: workers stay. */
  renderIdleMs?: number;
  /** Per render, once a worker has the job; 10 s by default. */
  renderTimeoutMs?: number;
  log: CardServiceLog;
  observer?: CardObserver;
  /** How long a photo or logo that could not be loaded is drawn without before it is tried again; 60 s by default. */
  retryUnavailableMs?: number;
  /** Longest wait between two tries of a photo that keeps failing (backoff doubles up to it); 5 min by default. */
  retryUnavailableMaxMs?: number;
  /** Cards shared with other instances (Redis), rendered once for all of them; closed with the service. */
  shared?: SharedCardCache;
}

export interface CardServiceStats {
  renders: number;
  memoryHits: number;
  diskHits: number;
  photoFallbacks: number;
  /** Cards waiting for a free renderer now. */
  queued: number;
  /** Renderer processes started so far, replacements of crashed ones included. */
  workersStarted: number;
}

/** Hooks for metrics (src/http/metrics.ts): called after each render and each photo or logo fetch. */
export interface CardObserver {
  rendered(event: { template: CardTemplate; seconds: number; outcome: 'ok' | 'failed' }): void;
  assetLoaded(event: { what: 'photo' | 'logo'; seconds: number; outcome: string }): void;
}

/** Where a card came from, for the request log: filled in by render() when the caller passes one. */
export interface CardSource {
  source?: 'memory' | 'disk' | 'shared' | 'render' | 'joined';
}

export interface CardService {
  readonly fontsHash: string;
  version(spec: CardSpec): string;
  /** Cached by content key; concurrent calls for the same card share one render. `info` learns where it came from. */
  render(spec: CardSpec, format: CardFormat, info?: CardSource): Promise<RenderedCard>;
  /** Memory cache only: never renders or fetches (for HEAD). */
  peek(spec: CardSpec, format: CardFormat): RenderedCard | undefined;
  /**
   * Why a photo card would be drawn without its photo now: the photo failed and is waiting for its next try
   * (`permanent` when retrying cannot help until the record changes). Undefined when nothing is known to be wrong.
   */
  photoFailure(spec: CardSpec): { permanent: boolean; retryAfterSeconds: number } | undefined;
  stats(): CardServiceStats;
  /** Kills the render workers. */
  close(): Promise<void>;
}

export async function createCardService(deps: CardServiceDeps): Promise<CardService> {
  const { imageLoader, log } = deps;
  const fonts = deps.fonts ?? (await loadFonts(deps.fontsDir));
  const cards = createCardStore({
    maxBytes: deps.cacheMaxBytes,
    dir: deps.cacheDir,
    diskMaxBytes: deps.cacheDiskMaxBytes,
    log,
    shared: deps.shared,
  });
  const pool =
    deps.workers === 0
      ? createInProcessRenderer(fonts.fonts, fonts.catalog)
      : createRenderPool({
          fonts: fonts.fonts,
          catalog: fonts.catalog,
          workers: deps.workers,
          ...(deps.renderIdleMs ? { idleMs: deps.renderIdleMs } : {}),
          timeoutMs: deps.renderTimeoutMs ?? 10_000,
          log,
          allocate: cards.allocate,
        });
  const assets = createAssetResolver({
    imageLoader,
    log,
    observe: deps.observer && ((event) => deps.observer?.assetLoaded(event)),
    retryBaseMs: deps.retryUnavailableMs ?? 5_000,
    retryMaxMs: deps.retryUnavailableMaxMs ?? 300_000,
  });
  const inflight = new Map<string, Promise<RenderedCard>>();
  const counters = { memoryHits: 0, diskHits: 0, photoFallbacks: 0 };

  async function produce(spec: CardSpec, format: CardFormat, info: CardSource, naming: CardNaming) {
    const wantsPhoto = spec.template === 'photo' && Boolean(spec.photoUrl);
    // The resolver answers from memory without a promise nearly always (asset-resolver.ts): one is awaited only when
    // it fetches or processes, and `waited` records it.
    let waited = false;
    let photo = wantsPhoto ? assets.identify(spec.photoUrl, 'photo') : undefined;
    if (photo instanceof Promise) photo = await photo;
    let logo = assets.identify(spec.logoUrl, 'logo');
    if (logo instanceof Promise) logo = await logo;
    let template: CardTemplate = photo ? 'photo' : 'plain';
    const firstKey = naming.key(template, photo?.sha256, logo?.sha256, format);
    const cached = await lookup(firstKey, format, template, info);
    if (cached) return cached;

    // To draw the card, the processed photo and logo must be here: the resolver has them by content, or fetches them
    // again (they may have changed since they were identified). What it draws names the card key.
    const job: RenderJob = { spec, template: 'plain', format };
    if (photo) {
      let drawn = assets.photo(spec.photoUrl!, photo);
      if (drawn instanceof Promise) {
        waited = true;
        drawn = await drawn;
      }
      job.photo = drawn;
    }
    let drawnLogo = logo && assets.logo(spec.logoUrl!, logo);
    if (drawnLogo instanceof Promise) {
      waited = true;
      drawnLogo = await drawnLogo;
    }
    if (drawnLogo) job.logo = { dataUri: drawnLogo.dataUri, width: drawnLogo.width, height: drawnLogo.height };
    template = job.photo ? 'photo' : 'plain';
    job.template = template;
    if (wantsPhoto && !job.photo) counters.photoFallbacks++;
    const key = naming.key(template, job.photo?.sha256, drawnLogo?.sha256, format);
    // A new key, or a wait for the assets (another instance may have drawn the card meanwhile), is looked up again in
    // every cache. The same key right after its lookup missed (the usual case) only in memory, which a render of this
    // process may have filled since: the disk and the shared cache were asked microseconds ago.
    const again = key !== firstKey || waited ? await lookup(key, format, template, info) : inMemory(key, info);
    if (again) return again;

    info.source = 'render';
    const started = performance.now();
    return cards.render(key, format, template, () => draw(job, started));
  }

  /**
   * The card's bytes from the renderer, observed for metrics. A function of the service, not a closure named per card:
   * under tsx (the benches run the source) every named closure costs a defineProperty of its name when it is made.
   */
  function draw(job: RenderJob, started: number): Promise<Buffer> {
    return pool.render(job).then(
      (result) => {
        observeRender(job.template, 'ok', started);
        return result.bytes;
      },
      (error: unknown) => {
        observeRender(job.template, 'failed', started);
        throw error;
      },
    );
  }

  function observeRender(template: CardTemplate, outcome: 'ok' | 'failed', started: number): void {
    deps.observer?.rendered({ template, outcome, seconds: (performance.now() - started) / 1000 });
  }

  function inMemory(key: string, info: CardSource): RenderedCard | undefined {
    const card = cards.peek(key);
    if (!card) return undefined;
    counters.memoryHits++;
    info.source = 'memory';
    return card;
  }

  async function lookup(key: string, format: CardFormat, template: CardTemplate, info: CardSource) {
    const found = await cards.find(key, format, template);
    if (!found) return undefined;
    if (found.layer === 'memory') counters.memoryHits++;
    if (found.layer === 'disk') counters.diskHits++;
    info.source = found.layer;
    return found.card;
  }

  return {
    fontsHash: fonts.hash,
    version: (spec) => new CardNaming(spec, fonts.hash).version,
    render(spec, format, info = {}) {
      // The spec normalised once for its version and keys (version.ts); cards in flight by what their version hashes.
      const naming = new CardNaming(spec, fonts.hash);
      const id = `${format}:${naming.versionText}`;
      const running = inflight.get(id);
      if (running) {
        info.source = 'joined';
        return running;
      }
      const promise = produce(spec, format, info, naming).finally(() => inflight.delete(id));
      inflight.set(id, promise);
      return promise;
    },
    peek(spec, format) {
      const photo = spec.template === 'photo' && spec.photoUrl ? assets.known(spec.photoUrl) : undefined;
      if (spec.template === 'photo' && spec.photoUrl && !photo) return undefined;
      const logo = spec.logoUrl ? assets.known(spec.logoUrl) : undefined;
      if (spec.logoUrl && !logo) return undefined;
      const photoRef = photo === 'unavailable' ? undefined : photo;
      const logoRef = logo === 'unavailable' ? undefined : logo;
      const key = new CardNaming(spec, fonts.hash).key(
        photoRef ? 'photo' : 'plain',
        photoRef?.sha256,
        logoRef?.sha256,
        format,
      );
      const card = cards.peek(key);
      if (card) counters.memoryHits++;
      return card;
    },
    photoFailure(spec) {
      if (spec.template !== 'photo' || !spec.photoUrl) return undefined;
      return assets.failure(spec.photoUrl);
    },
    stats: () => {
      const { renders, queued, spawned } = pool.stats();
      return { renders, queued, workersStarted: spawned, ...counters };
    },
    async close() {
      await pool.close();
      await cards.close();
    },
  };
}
