/**
 * bench.html: a bare React Flow page from the same build as the editor, for the browser benchmark
 * (server/src/bench/browserBench.ts). Query: `n` factors (default 100); `w`, `h` the canvas size in px (default:
 * the window); `fonts=1` render only once the web font is loaded; `chrome=0` without Background/MiniMap/Controls;
 * `visible=1` with onlyRenderVisibleElements.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ReactFlowProvider } from '@xyflow/react';
import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import '@xyflow/react/dist/style.css';
import '../styles.css';
import { initI18n } from '../i18n/index.ts';
import { buildBenchAnalysis } from './benchDiagram.ts';
import { BareCanvas } from './BareCanvas.tsx';

function readSize(value: string | null): string {
  const px = Number(value);
  return Number.isInteger(px) && px > 0 ? `${px}px` : '100%';
}

const query = new URLSearchParams(window.location.search);
const n = Math.min(5_000, Math.max(0, Math.floor(Number(query.get('n') ?? 100)) || 0));
const analysis = buildBenchAnalysis(n);

initI18n();
// With fonts=1 every node is measured once, not again after the web font swaps in.
if (query.get('fonts') === '1') {
  await Promise.all([document.fonts.load('400 16px "Atkinson Hyperlegible"'), document.fonts.load('700 16px "Atkinson Hyperlegible"')]);
}
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ReactFlowProvider>
      <div style={{ width: readSize(query.get('w')), height: readSize(query.get('h')) }}>
        <BareCanvas analysis={analysis} options={{ chrome: query.get('chrome') !== '0', onlyVisible: query.get('visible') === '1' }} />
      </div>
    </ReactFlowProvider>
  </StrictMode>,
);
