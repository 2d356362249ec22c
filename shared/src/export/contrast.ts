/**
 * Colour contrast as WCAG 2 defines it, and the colour mixing the export uses to quieten what is not highlighted
 * without letting it fall below print contrast (a photocopy loses what a screen still shows).
 */

/** A colour as `#rrggbb`. */
export type Hex = string;

function channels(hex: Hex): [number, number, number] {
  const value = Number.parseInt(hex.slice(1, 7), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function toHex([r, g, b]: readonly number[]): Hex {
  return `#${[r!, g!, b!]
    .map((c) =>
      Math.round(Math.max(0, Math.min(255, c)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** WCAG 2 relative luminance of a colour (0 black … 1 white). */
export function relativeLuminance(hex: Hex): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG 2 contrast ratio of two colours (1 … 21). */
export function contrastRatio(a: Hex, b: Hex): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** `colour` moved `amount` (0 … 1) of the way to `towards`, channel by channel. */
export function mix(colour: Hex, towards: Hex, amount: number): Hex {
  const a = channels(colour);
  const b = channels(towards);
  return toHex(a.map((c, i) => c + (b[i]! - c) * amount));
}

/**
 * The lightest mix of `colour` towards `background` (at most `maxAmount` of the way) that still has at least
 * `minContrast` against the background. A colour that is already below the minimum is returned unchanged.
 */
export function quieten(colour: Hex, minContrast: number, maxAmount: number, background: Hex = '#ffffff'): Hex {
  if (contrastRatio(colour, background) <= minContrast) return colour;
  let lo = 0;
  let hi = maxAmount;
  // Contrast falls steadily as the mix nears the background: bisect to a hundredth.
  while (hi - lo > 0.005) {
    const mid = (lo + hi) / 2;
    if (contrastRatio(mix(colour, background, mid), background) >= minContrast) lo = mid;
    else hi = mid;
  }
  return mix(colour, background, lo);
}

/** `colour`, darkened just enough to reach `minContrast` against `background` when it is below it. */
export function atLeast(colour: Hex, minContrast: number, background: Hex = '#ffffff'): Hex {
  if (contrastRatio(colour, background) >= minContrast) return colour;
  let lo = 0;
  let hi = 1;
  while (hi - lo > 0.005) {
    const mid = (lo + hi) / 2;
    if (contrastRatio(mix(colour, '#000000', mid), background) >= minContrast) hi = mid;
    else lo = mid;
  }
  return mix(colour, '#000000', hi);
}

/** `colour` moved `amount` of the way to black. */
export function darken(colour: Hex, amount: number): Hex {
  return mix(colour, '#000000', amount);
}
