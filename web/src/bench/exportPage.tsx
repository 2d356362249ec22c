/**
 * bench-export.html: the PNG export benchmark in the browser (server/src/bench/exportBench.ts). The diagram of
 * exportDiagram.ts is drawn by bare React Flow (the nodes and edges of bench.html), and the page offers two ways
 * to make a PNG of the whole diagram at pixel ratio 2:
 *
 * - `ours()`: Samenzicht's browser export (renderExport in web/src/export/renderInBrowser.ts, as the export
 *   dialog calls it: shared SVG renderer → canvas → PNG with the analysis embedded, progress steps included);
 * - `htmlToImage()`: html-to-image 1.11.11 `toBlob` of React Flow's viewport element, set to show every node at
 *   zoom 1 (as React Flow's "download image" example does).
 *
 * Query: `n` factors (default 50), `seed` (default EXPORT_BENCH_SEED). html-to-image is imported only here, never
 * by the app (this page is built only with SAMENZICHT_BENCH_PAGE=1).
 */
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { ReactFlowProvider, getNodesBounds, useNodesInitialized, useReactFlow } from '@xyflow/react';
import { toBlob } from 'html-to-image';
import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import '@xyflow/react/dist/style.css';
import '../styles.css';
import { initI18n } from '../i18n/index.ts';
import { renderExport } from '../export/renderInBrowser.ts';
import { BareCanvas } from './BareCanvas.tsx';
import { EXPORT_BENCH_SEED, gridAnalysis } from './exportDiagram.ts';

export interface ExportRun {
  readonly ms: number;
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
}

export interface ExportBenchApi {
  readonly ready: boolean;
  readonly nodes: number;
  ours(): Promise<ExportRun>;
  htmlToImage(): Promise<ExportRun>;
}

const PIXEL_RATIO = 2;
/** Room around the nodes in the html-to-image picture, in flow units. */
const PADDING = 40;

const query = new URLSearchParams(window.location.search);
const n = Math.min(5_000, Math.max(1, Math.floor(Number(query.get('n') ?? 50)) || 50));
const seed = Number(query.get('seed') ?? EXPORT_BENCH_SEED);
const analysis = gridAnalysis(seed, n);

/** Width and height of a PNG, read from its IHDR chunk. */
async function pngSize(blob: Blob): Promise<{ width: number; height: number }> {
  const view = new DataView(await blob.slice(16, 24).arrayBuffer());
  return { width: view.getUint32(0), height: view.getUint32(4) };
}

function Probe() {
  const flow = useReactFlow();
  const initialized = useNodesInitialized();
  useEffect(() => {
    const api: ExportBenchApi = {
      ready: initialized,
      nodes: flow.getNodes().length,
      async ours() {
        const start = performance.now();
        const result = await renderExport(
          analysis,
          { format: 'png', scale: PIXEL_RATIO, paper: 'A4', options: { showActors: true, exportedAt: new Date(0) } },
          () => undefined,
        );
        const ms = performance.now() - start;
        return { ms, width: result.png!.width, height: result.png!.height, bytes: result.blob.size };
      },
      async htmlToImage() {
        const start = performance.now();
        const bounds = getNodesBounds(flow.getNodes());
        const width = Math.ceil(bounds.width + 2 * PADDING);
        const height = Math.ceil(bounds.height + 2 * PADDING);
        const viewport = document.querySelector<HTMLElement>('.react-flow__viewport')!;
        const blob = await toBlob(viewport, {
          backgroundColor: '#ffffff',
          width,
          height,
          pixelRatio: PIXEL_RATIO,
          style: {
            width: `${width}px`,
            height: `${height}px`,
            transform: `translate(${PADDING - bounds.x}px, ${PADDING - bounds.y}px) scale(1)`,
          },
        });
        const ms = performance.now() - start;
        if (!blob) throw new Error('html-to-image made no PNG');
        return { ms, ...(await pngSize(blob)), bytes: blob.size };
      },
    };
    (window as unknown as { __exportBench: ExportBenchApi }).__exportBench = api;
  }, [flow, initialized]);
  return null;
}

initI18n();
// Both ways draw with the web font; loaded first, so neither pays for it inside a measured run.
await Promise.all([document.fonts.load('400 16px "Atkinson Hyperlegible"'), document.fonts.load('700 16px "Atkinson Hyperlegible"')]);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ReactFlowProvider>
      <div style={{ width: '1280px', height: '800px' }}>
        <BareCanvas analysis={analysis} options={{ chrome: false, onlyVisible: false }} />
      </div>
      <Probe />
    </ReactFlowProvider>
  </StrictMode>,
);
