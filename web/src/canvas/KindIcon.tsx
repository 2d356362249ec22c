import { memo } from 'react';
import type { FactorKind } from '../../../shared/src/model/types.ts';

/**
 * One small icon per factor kind, so a kind is recognisable without colour. Drawn inline: no icon font, no
 * request to anyone.
 */
const PATHS: Record<FactorKind, string> = {
  // A circle with a dot: the concern at the centre of the analysis.
  problem: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zm0 6a3 3 0 1 1 0 6a3 3 0 1 1 0-6z',
  // Layers: what lay underneath before.
  predisposing: 'M12 3l9 5l-9 5l-9-5zm-9 9l9 5l9-5M3 16l9 5l9-5',
  // A lightning bolt: what set it off.
  precipitating: 'M13 2L4 14h7l-1 8l9-12h-7z',
  // Circling arrows: what keeps it going.
  perpetuating: 'M4 12a8 8 0 0 1 14-5.3M20 12a8 8 0 0 1-14 5.3M18 3v4h-4M6 21v-4h4',
  // An arrow up: what makes it worse.
  aggravating: 'M12 20V5M5 11l7-7l7 7',
  // A shield: what protects.
  protective: 'M12 2l8 3v6c0 5-3.5 9-8 11c-4.5-2-8-6-8-11V5z',
};

const FILLED: ReadonlySet<FactorKind> = new Set(['problem', 'precipitating']);

function KindIconView({ kind, size = 16 }: { kind: FactorKind; size?: number }) {
  const filled = FILLED.has(kind);
  return (
    <svg
      className={`kind-icon kind-icon--${kind}`}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      fill={filled ? 'currentColor' : 'none'}
      fillRule="evenodd"
      stroke={filled ? 'none' : 'currentColor'}
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={PATHS[kind]} />
    </svg>
  );
}

export const KindIcon = memo(KindIconView);
