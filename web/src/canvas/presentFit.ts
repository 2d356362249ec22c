/**
 * Presentation mode's view of the diagram: fitted into the screen, but never zoomed out so far that factor labels
 * are drawn below READABLE_LABEL_PX css px. When the diagram does not fit at that zoom, the view starts at the
 * top-left of the diagram and the rest is reached by panning (the screen "scrolls").
 */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

/** Factor labels on the big screen are at least this many css px high. */
export const READABLE_LABEL_PX = 16;

/** The zoom at which a label of `labelFontPx` (its font size at zoom 1) is drawn at `minPx`. */
export function readableZoom(labelFontPx: number, minPx = READABLE_LABEL_PX): number {
  return labelFontPx > 0 ? minPx / labelFontPx : 1;
}

export interface PresentFitOptions {
  /** The smallest zoom allowed (the readable zoom). */
  readonly minZoom: number;
  readonly maxZoom: number;
  /** Empty space around the diagram, in css px. */
  readonly padding: number;
  /** Space kept free at the left edge of the screen (for the legend), in css px. */
  readonly reserveLeft: number;
}

/**
 * The viewport that shows `bounds` (in diagram coordinates) on a screen of `width` × `height`: fitted and centred
 * in the free area when that zoom is at least `minZoom`; otherwise at `minZoom`, centred along an axis where the
 * diagram fits and starting at the diagram's top or left edge along an axis where it does not.
 */
export function presentationViewport(bounds: Box, width: number, height: number, options: PresentFitOptions): Viewport {
  const { padding, reserveLeft } = options;
  const areaX = reserveLeft + padding;
  const areaY = padding;
  const areaWidth = Math.max(1, width - reserveLeft - 2 * padding);
  const areaHeight = Math.max(1, height - 2 * padding);
  const contentWidth = Math.max(1, bounds.width);
  const contentHeight = Math.max(1, bounds.height);
  const fit = Math.min(areaWidth / contentWidth, areaHeight / contentHeight, options.maxZoom);
  const zoom = Math.max(fit, options.minZoom);
  const place = (start: number, area: number, origin: number, size: number) => {
    const drawn = size * zoom;
    return drawn <= area ? start + (area - drawn) / 2 - origin * zoom : start - origin * zoom;
  };
  return {
    x: place(areaX, areaWidth, bounds.x, contentWidth),
    y: place(areaY, areaHeight, bounds.y, contentHeight),
    zoom,
  };
}
