import { memo } from 'react';
import type { FactorKind } from '@samenzicht/shared/model/types';
import { FILLED_KIND_ICONS, KIND_ICON_PATHS } from '@samenzicht/shared/export/kindIcons';

// The icon paths live in shared/, so the export draws the same icons. Drawn inline: no icon font, no request to
// anyone.
const PATHS = KIND_ICON_PATHS;
const FILLED = FILLED_KIND_ICONS;

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
