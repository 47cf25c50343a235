// Types of the fujin-deals package: the loader's exports, window.Fujin, the
// <fujin-deals> element and its events. See docs/embedding.md.

/** Options of `mount`: the attributes of <fujin-deals>, camelCase or as written. */
export interface FujinOptions {
  feed?: string;
  lang?: 'zh' | 'en';
  /** `lat,lon` in degrees (WGS-84). */
  center?: string;
  zoom?: number | string;
  /** Metres: 1000, 3000, 5000 or 10000. */
  radius?: number | string;
  /** Category keys, comma-separated. */
  category?: string;
  sort?: 'distance' | 'discount' | 'price' | 'sales' | 'rating';
  q?: string;
  /** `osm`, `amap`, `none` or an https: template with {z}, {x}, {y}. */
  tiles?: string;
  tilesCrs?: 'wgs84' | 'gcj02' | 'bd09';
  ref?: string;
  locate?: 'auto' | 'button' | 'off';
  urlState?: 'off' | 'query' | 'hash';
  urlKey?: string;
  returnUrl?: string;
  /** Origins (`self`, `https://cdn.example`) a feed named in the page address may come from. */
  linkedFeeds?: string[] | string;
}

/** A mounted widget. */
export interface FujinWidget {
  /** Centres the map (and zooms); the search stays where it is. */
  setCenter(lat: number, lon: number, zoom?: number): void;
  /** Searches around a point. */
  search(lat: number, lon: number): void;
  /** Opens a deal's page by its id. */
  openDeal(id: string): void;
  /** Loads another feed. */
  setFeed(url: string): void;
  /** Applies a changed attribute in place; false when it needs a new mount. */
  setOption(name: string, value: string): boolean;
  /** Removes the widget and everything it runs. */
  destroy(): void;
}

/** The `detail` of each event (version 1). */
export interface FujinEventDetails {
  'fujin-ready': { version: 1; merchants: number; deals: number; rejected: number };
  'fujin-error': { version: 1; code: 'no-feed' | 'feed-failed'; message: string };
  'fujin-select': { version: 1; merchantId: string };
  'fujin-deal-open': { version: 1; dealId: string; merchantId: string };
  'fujin-order-created': {
    version: 1; orderId: string; dealId: string; merchantId: string; quantity: number;
    /** In fen (分). */
    totalFen: number;
    provider: 'wechat' | 'alipay' | 'stripe' | 'checkout';
    referral: string | null;
  };
  'fujin-handoff': { version: 1; orderId: string; provider: 'wechat' | 'alipay' | 'stripe' | 'checkout'; mode: 'open' | 'qr' };
  'fujin-order-status': {
    version: 1; orderId: string;
    from: 'pending' | 'awaiting_confirmation' | 'paid' | 'redeemed' | 'expired' | 'refunded' | 'failed';
    to: 'pending' | 'awaiting_confirmation' | 'paid' | 'redeemed' | 'expired' | 'refunded' | 'failed';
  };
}

export type FujinEventName = keyof FujinEventDetails;

/** Resolves once the WebAssembly is loaded. */
export const ready: Promise<unknown>;
/** Mounts a widget into `element`'s shadow root. */
export function mount(element: Element, options?: FujinOptions): Promise<FujinWidget>;
/** Every widget's events on the page. */
export function on<K extends FujinEventName>(
  name: K,
  handler: (detail: FujinEventDetails[K], event: CustomEvent<FujinEventDetails[K]>) => void,
): void;

declare global {
  interface Window {
    Fujin: { ready: Promise<unknown>; mount: typeof mount; on: typeof on };
  }
  interface HTMLElementTagNameMap {
    'fujin-deals': HTMLElement;
  }
  interface HTMLElementEventMap {
    'fujin-ready': CustomEvent<FujinEventDetails['fujin-ready']>;
    'fujin-error': CustomEvent<FujinEventDetails['fujin-error']>;
    'fujin-select': CustomEvent<FujinEventDetails['fujin-select']>;
    'fujin-deal-open': CustomEvent<FujinEventDetails['fujin-deal-open']>;
    'fujin-order-created': CustomEvent<FujinEventDetails['fujin-order-created']>;
    'fujin-handoff': CustomEvent<FujinEventDetails['fujin-handoff']>;
    'fujin-order-status': CustomEvent<FujinEventDetails['fujin-order-status']>;
  }
}
