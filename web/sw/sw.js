// Samenzicht's service worker. It keeps the app itself (the HTML page and the built scripts, styles and fonts
// under /assets/) so that an open analysis can be reloaded while the server cannot be reached: the analysis then
// comes from this browser's IndexedDB copy and merges when the server is back. It never stores anything from
// /api/ or /sync: the content of an analysis is not kept here. Plain JavaScript; the build writes it to dist/web
// with the build's own cache name (web/src/sw/buildServiceWorker.ts), so every new build is a new worker, which on
// activation deletes the caches of older builds and their assets.
const CACHE = '__SAMENZICHT_CACHE__';
const SHELL = '/';

async function cacheShell() {
  const cache = await caches.open(CACHE);
  const response = await fetch(SHELL, { cache: 'no-cache' });
  if (!response.ok) return;
  const html = await response.clone().text();
  await cache.put(SHELL, response);
  // The scripts and styles the page loads first; chunks loaded later are kept when they are first fetched.
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
  await cache.addAll([...new Set(assets)]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

// The page names the files it loaded before this worker was in control (chunks and workers loaded on demand).
self.addEventListener('message', (event) => {
  const urls = Array.isArray(event.data?.keep) ? event.data.keep : [];
  const assets = urls.filter(
    (u) =>
      typeof u === 'string' &&
      new URL(u, self.location.origin).origin === self.location.origin &&
      new URL(u, self.location.origin).pathname.startsWith('/assets/'),
  );
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => Promise.all(assets.map((u) => cache.match(u).then((hit) => hit ?? cache.add(u).catch(() => undefined))))),
  );
});

/** Keeps a copy of a good response under `key`. */
function keep(key, response) {
  if (response.ok) {
    const copy = response.clone();
    void caches.open(CACHE).then((cache) => cache.put(key, copy));
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/sync')) return;
  if (request.mode === 'navigate') {
    // The network first, so a new version is picked up at once; the kept page only when the server is unreachable.
    // Every app route (/, /a/<id>) is the same page; the token is in the fragment, which is never requested.
    event.respondWith(
      fetch(request)
        .then((response) => (response.headers.get('content-type')?.startsWith('text/html') ? keep(SHELL, response) : response))
        .catch(async () => (await caches.match(SHELL)) ?? Response.error()),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    // Content-hashed names: a kept file is always the right one.
    event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request).then((response) => keep(request, response))));
  }
});
