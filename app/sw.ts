/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

// Every built asset is precached, so the shell and every route load with the server gone (§8).
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Any navigation (/station, /console, /signin …) gets the precached index.html; the router does
// the rest. /api is never answered from a cache: the sync client must see the real network.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), {
    denylist: [/^\/api(\/|$)/],
  }),
);

// The first install takes over open pages at once, so a tablet enrolled a minute ago already
// works offline without a reload. Later versions wait for the page's SKIP_WAITING (below).
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// The page asks for the new version only between tasks with an empty outbox (§8).
self.addEventListener('message', (event) => {
  if (event.data && (event.data as { type?: string }).type === 'SKIP_WAITING') void self.skipWaiting();
});
