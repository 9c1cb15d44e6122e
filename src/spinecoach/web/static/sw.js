// @ts-check
// Service worker: the player opens and plays with the server stopped.
//
// Pages and static files: network first, the cached copy when the server does not answer, so
// a new version is picked up at once. Speech clips and figures never change for the same
// address: cache first. Every other /api request goes to the network only; results that
// cannot be sent wait in the page's IndexedDB outbox, never here.

// TypeScript's library types `self` as a worker of any kind; this one is the service worker.
const worker = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
const CACHE = "spinecoach-v1";
const OFFLINE_PAGE = "/offline"; // in the app's own look, for a page never seen online
const SHELL = [
  "/play",
  OFFLINE_PAGE,
  "/static/player/player.js",
  "/static/player/playback.js",
  "/static/player/audio.js",
  "/static/player/voice.js",
  "/static/player/outbox.js",
  "/static/player/view.js",
  "/static/player/figure.js",
  "/static/player/session.js",
  "/static/player/device.js",
  "/static/player/panels.js",
  "/static/player/dom.js",
  "/static/player/probe-worklet.js",
  "/static/player/player.css",
  // What the player page loads of the camera coach. The coach itself (camera.js and what it
  // imports) is kept once the camera is first turned on, like every file fetched through here,
  // so a first visit does not download it for the many who never use the camera.
  "/static/camera/switch.js",
  "/static/camera/device.js",
  "/static/camera/panel.js",
  "/static/camera/camera.css",
  // The site's own look and icon, so the offline player reads like the rest of the app.
  "/static/css/app.css",
  "/static/icons/icon.svg",
  "/static/manifest.webmanifest",
];

worker.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // One missing file must not stop the rest from being kept. The visit that installs the
      // worker has just downloaded these: take them from the browser's cache, not again.
      Promise.all(
        SHELL.map((url) =>
          cache.add(new Request(url, { cache: "force-cache" })).catch(() => undefined),
        ),
      ),
    ),
  );
  worker.skipWaiting();
});

worker.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => worker.clients.claim()),
  );
});

/**
 * Answer from the cache, else from the network (keeping a good answer for next time).
 * @param {Request} request
 * @returns {Promise<Response>}
 */
function cacheFirst(request) {
  return caches.match(request).then(
    (cached) =>
      cached ||
      fetch(request).then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      }),
  );
}

/**
 * Answer from the network (keeping a good answer under `key`), else from the cache.
 * @param {Request} request
 * @param {RequestInfo} key
 * @returns {Promise<Response>}
 */
function networkFirst(request, key) {
  return fetch(request)
    .then((response) => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(key, copy));
      }
      return response;
    })
    .catch(() =>
      caches.match(key, { ignoreSearch: true }).then((cached) => cached || offlinePage(request)),
    );
}

/**
 * Answer with the offline page for a page visit, or a plain 503 for anything else.
 * @param {Request} request
 * @returns {Promise<Response>}
 */
async function offlinePage(request) {
  const page = request.mode === "navigate" ? await caches.match(OFFLINE_PAGE) : undefined;
  if (!page) {
    return new Response("spinecoach is not running.", {
      status: 503,
      headers: { "Content-Type": "text/plain" },
    });
  }
  return new Response(page.body, { status: 503, headers: page.headers });
}

worker.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== worker.location.origin) return;
  if (url.pathname.startsWith("/api/speech") || url.pathname.startsWith("/api/player/figure/")) {
    event.respondWith(cacheFirst(request));
  } else if (url.pathname.startsWith("/api/")) {
    return; // live data: network only
  } else if (request.mode === "navigate") {
    // The player page is one page whatever its query (routine, speed).
    const key = url.pathname === "/play" ? "/play" : request;
    event.respondWith(networkFirst(request, key));
  } else {
    event.respondWith(networkFirst(request, request));
  }
});
