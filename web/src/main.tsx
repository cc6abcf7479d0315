// First: configures zod before any schema exists (no eval under the Content-Security-Policy).
import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/global.css';
import { loadTimeZone } from './shared/time-zone';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
// Times show in the deployment's time zone: read it before the first screen (it is one small public answer).
void loadTimeZone().finally(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);

// The app shell opens without network after a first visit (a grid worker's phone on patrol).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}
