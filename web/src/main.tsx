import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { initI18n } from './i18n/index.ts';
import { App } from './App.tsx';

initI18n();
// Keeps the app itself in this browser, so an open analysis can be reloaded while the server is unreachable
// (web/public/sw.js). Not in development: Vite's dev server serves modules that change all the time.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register('/sw.js')
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        // Files loaded before the worker took over (lazy chunks, workers) are kept too.
        const loaded = performance.getEntriesByType('resource').map((entry) => entry.name);
        registration.active?.postMessage({ keep: loaded });
      })
      .catch(() => {
        // Without it the app works as before; only a reload without the server is not possible.
      });
  });
}
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
