// The station page's service worker (registered by renderer/src/stations/station.ts): the page
// itself (HTML, scripts, styles under /app/) is fetched from the hub when it can be reached and
// served from the copy kept here when it cannot, so a phone that reloads the page offline still
// opens it. Only the page's own files: the record lives in the station's PouchDB database, and
// nothing the hub answers outside /app/ (replication, pairing) is ever cached.
const CACHE = 'station-page-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || !url.pathname.startsWith('/app/')) return;
  event.respondWith(
    fetch(event.request).then(
      async (response) => {
        if (response.ok) await (await caches.open(CACHE)).put(url.pathname, response.clone());
        return response;
      },
      async () => (await caches.match(url.pathname)) ?? Response.error(),
    ),
  );
});
