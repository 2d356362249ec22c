/**
 * Level of detail: zoomed out below FAR_ZOOM a 15 px label is under 4 px on screen, which nobody can read, so
 * factors are drawn as plain boxes in their kind's border (label as tooltip) and links without their +/−
 * buttons (the line's colour still says the polarity), as tldraw does. Far fewer elements to lay out and paint.
 * Above it everything is drawn as before: an analysis of a few dozen factors fitted into a laptop screen
 * (zoom 0.3 and up) keeps its text.
 */
import { createContext, useContext } from 'react';
import { useStore, type ReactFlowState } from '@xyflow/react';

export const FAR_ZOOM = 0.25;

const selectFar = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;

/** True while the canvas is zoomed out below FAR_ZOOM; re-renders the caller only when that flips. */
export function useFarFromStore(): boolean {
  return useStore(selectFar);
}

/**
 * The canvas reads the zoom once and hands it down: a store subscription in every factor and link would be
 * thousands of selector calls on every store update of a drag.
 */
export const FarContext = createContext(false);

export function useFar(): boolean {
  return useContext(FarContext);
}
