/**
 * What the browser benchmark does inside a page: a probe installed before any app script that notices the
 * finished first render, waiting for quiet frames, zooming with the wheel, and a drag with CDP mouse events while
 * frame times are recorded from requestAnimationFrame.
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { quantile } from './benchSupport.ts';

export const FRAME_MS = 1000 / 60;
export const DRAG_MS = 2000;
export const PAGE_TIMEOUT_MS = 180_000;

export interface DragResult {
  readonly frames: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  /** Intervals longer than 1.5 frames: at least one frame was missed. */
  readonly longFrames: number;
  readonly movesSent: number;
  /** pointermove events the page received (Chromium coalesces moves while the page is busy). */
  readonly movesHandled: number;
  /** How far (screen px) the dragged node moved at most: proof that the drag took. */
  readonly maxShiftPx: number;
  readonly nodeId: string;
  /** Factors (partly) inside the canvas, and the zoom, when the drag began. */
  readonly inView: number;
  readonly zoom: number;
  readonly mainThread: MainThread;
}

/** Main-thread time during the drag (CDP Performance metrics), in ms. */
export interface MainThread {
  readonly taskMs: number;
  readonly scriptMs: number;
  readonly styleLayoutMs: number;
}

async function readMainThread(cdp: CDPSession): Promise<MainThread> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return {
    taskMs: value('TaskDuration'),
    scriptMs: value('ScriptDuration'),
    styleLayoutMs: value('RecalcStyleDuration') + value('LayoutDuration'),
  };
}

interface ProbeState {
  firstRender: number;
  /** Factors and links in the DOM at the first render. */
  drawn: { nodes: number; edges: number };
  recording: boolean;
  frames: number[];
  maxShift: number;
  moves: number;
}

type BenchWindow = Window & { __bench: ProbeState };

/**
 * Runs in the page before any app script: watches for the finished first render. A page that draws every
 * element has rendered when all `nodes` and `edges` are in the DOM and shown; a page that draws only what is in
 * view (`culled`) when the view has been fitted (zoom no longer 1: the benchmark diagrams fit at 0.2 and below)
 * and every factor it drew is shown.
 */
function installProbe({ nodes, edges, culled }: { nodes: number; edges: number; culled: boolean }): void {
  // The editor asks for a name first; a stored one skips that dialog (the bare page ignores it).
  localStorage.setItem('samenzicht.name', 'Bench');
  localStorage.setItem('samenzicht.language', 'nl');
  const state: ProbeState = { firstRender: 0, drawn: { nodes: 0, edges: 0 }, recording: false, frames: [], maxShift: 0, moves: 0 };
  addEventListener('pointermove', () => void (state.recording && state.moves++), { capture: true, passive: true });
  (window as unknown as BenchWindow).__bench = state;
  const nodeEls = document.getElementsByClassName('react-flow__node');
  const edgeEls = document.getElementsByClassName('react-flow__edge');
  const fitted = () => {
    // The inline transform React Flow writes, not the computed one: reading that would force a style pass.
    const scale = /scale\(([\d.e+-]+)\)/.exec(document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '');
    return scale !== null && Number(scale[1]) !== 1;
  };
  const check = () => {
    const complete = culled ? nodeEls.length > 0 && edgeEls.length > 0 && fitted() : nodeEls.length === nodes && edgeEls.length === edges;
    if (complete) {
      let shown = true;
      for (let i = 0; i < nodeEls.length && shown; i++) shown = (nodeEls[i] as HTMLElement).style.visibility !== 'hidden';
      if (shown) {
        state.drawn = { nodes: nodeEls.length, edges: edgeEls.length };
        requestAnimationFrame(() => requestAnimationFrame(() => void (state.firstRender = performance.now())));
        return;
      }
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/**
 * tsx compiles with esbuild's keepNames, which wraps functions in `__name(…)`; functions this file sends into the
 * page need that helper there too.
 */
export async function addProbe(context: BrowserContext, n: number, culled: boolean): Promise<void> {
  await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  await context.addInitScript(installProbe, { nodes: n, edges: n, culled });
}

export interface FirstRender {
  readonly ms: number;
  /** Factors and links in the DOM at that moment. */
  readonly drawn: { readonly nodes: number; readonly edges: number };
}

export async function waitForFirstRender(page: Page): Promise<FirstRender> {
  const handle = await page.waitForFunction(
    () => {
      const state = (window as unknown as BenchWindow).__bench;
      return state?.firstRender ? { ms: state.firstRender, drawn: state.drawn } : false;
    },
    null,
    { timeout: PAGE_TIMEOUT_MS, polling: 100 },
  );
  return (await handle.jsonValue()) as FirstRender;
}

/** Waits until 30 frames in a row came on time (0.5 s without long tasks), at most 15 s. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        const start = performance.now();
        let quiet = 0;
        let last = 0;
        const tick = (t: number) => {
          quiet = last && t - last < 20 ? quiet + 1 : 0;
          last = t;
          if (quiet >= 30 || performance.now() - start > 15_000) done();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}

/** The node nearest the centre of the canvas, in viewport coordinates. */
async function pickNode(
  page: Page,
): Promise<{ id: string; x: number; y: number; paneWidth: number; paneHeight: number; inView: number; zoom: number }> {
  return page.evaluate(() => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    const cx = pane.left + pane.width / 2;
    const cy = pane.top + pane.height / 2;
    let best = { id: '', x: 0, y: 0, d: Number.POSITIVE_INFINITY };
    let inView = 0;
    for (const el of document.querySelectorAll<HTMLElement>('.react-flow__node')) {
      const r = el.getBoundingClientRect();
      if (r.right > pane.left && r.left < pane.right && r.bottom > pane.top && r.top < pane.bottom) inView++;
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      const d = (x - cx) ** 2 + (y - cy) ** 2;
      if (d < best.d) best = { id: el.dataset.id ?? '', x, y, d };
    }
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport')!;
    const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    return { id: best.id, x: best.x, y: best.y, paneWidth: pane.width, paneHeight: pane.height, inView, zoom };
  });
}

/** Zooms around the canvas centre to `scale` with one mouse-wheel event, as a person would. */
export async function zoomTo(page: Page, cdp: CDPSession, scale: number): Promise<void> {
  const at = await page.evaluate(() => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport')!;
    return {
      x: pane.left + pane.width / 2,
      y: pane.top + pane.height / 2,
      zoom: new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a,
    };
  });
  // React Flow turns a wheel's deltaY (pixels) into a zoom factor of 2^(-deltaY × 0.002).
  const deltaY = -Math.log2(scale / at.zoom) / 0.002;
  await cdp.send('Input.dispatchMouseEvent', { type: 'mouseWheel', x: at.x, y: at.y, deltaX: 0, deltaY });
  await page.waitForFunction(
    (target) => {
      const viewport = document.querySelector<HTMLElement>('.react-flow__viewport')!;
      return Math.abs(new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a - target) < 0.01;
    },
    scale,
    { timeout: PAGE_TIMEOUT_MS, polling: 100 },
  );
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, Math.max(0, ms)));

export async function drag(page: Page, cdp: CDPSession): Promise<DragResult> {
  const node = await pickNode(page);
  if (!node.id) throw new Error('no node to drag');
  const ax = Math.min(150, node.paneWidth / 4);
  const ay = Math.min(60, node.paneHeight / 6);
  const mouse = (type: 'mouseMoved' | 'mousePressed' | 'mouseReleased', x: number, y: number, pressed: boolean) =>
    cdp.send('Input.dispatchMouseEvent', {
      type,
      x,
      y,
      button: type === 'mouseMoved' && !pressed ? 'none' : 'left',
      buttons: pressed ? 1 : 0,
      clickCount: type === 'mouseMoved' ? 0 : 1,
    });

  await mouse('mouseMoved', node.x, node.y, false);
  await sleep(100);
  await page.evaluate((id) => {
    const state = (window as unknown as BenchWindow).__bench;
    const el = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${id}"]`)!;
    const start = el.getBoundingClientRect();
    state.frames = [];
    state.maxShift = 0;
    state.moves = 0;
    state.recording = true;
    const tick = (t: number) => {
      if (!state.recording) return;
      state.frames.push(t);
      const now = el.getBoundingClientRect();
      state.maxShift = Math.max(state.maxShift, Math.hypot(now.left - start.left, now.top - start.top));
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, node.id);

  const before = await readMainThread(cdp);
  await mouse('mousePressed', node.x, node.y, true);
  // Moves are sent on a fixed 60 Hz clock without waiting for Chromium's answer (which comes only after the page
  // handled the event, a frame or more later): like a real mouse, a busy page gets them coalesced.
  const sent: Promise<unknown>[] = [];
  const t0 = performance.now();
  for (let k = 1; k * FRAME_MS <= DRAG_MS; k++) {
    await sleep(t0 + k * FRAME_MS - performance.now());
    const t = (k * FRAME_MS) / DRAG_MS;
    sent.push(mouse('mouseMoved', node.x + ax * Math.sin(2 * Math.PI * t), node.y + ay * Math.sin(4 * Math.PI * t), true));
  }
  await Promise.all(sent);
  await mouse('mouseReleased', node.x, node.y, true);
  const recorded = await page.evaluate(
    () =>
      new Promise<{ frames: number[]; maxShift: number; moves: number }>((done) => {
        const state = (window as unknown as BenchWindow).__bench;
        // One more frame, so the frame that handled the release is counted too.
        requestAnimationFrame(() => {
          state.recording = false;
          done({ frames: state.frames, maxShift: state.maxShift, moves: state.moves });
        });
      }),
  );
  const after = await readMainThread(cdp);
  const intervals = recorded.frames.slice(1).map((t, i) => t - recorded.frames[i]!);
  return {
    frames: intervals.length,
    p50: quantile(intervals, 0.5),
    p95: quantile(intervals, 0.95),
    max: Math.max(...intervals),
    longFrames: intervals.filter((d) => d > FRAME_MS * 1.5).length,
    movesSent: sent.length,
    movesHandled: recorded.moves,
    maxShiftPx: recorded.maxShift,
    nodeId: node.id,
    inView: node.inView,
    zoom: node.zoom,
    mainThread: {
      taskMs: after.taskMs - before.taskMs,
      scriptMs: after.scriptMs - before.scriptMs,
      styleLayoutMs: after.styleLayoutMs - before.styleLayoutMs,
    },
  };
}
