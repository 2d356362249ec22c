import type { Edge, Node } from '@xyflow/react';
import type { Factor, Link } from '@samenzicht/shared/model/types';

export interface FactorNodeData extends Record<string, unknown> {
  readonly factor: Factor;
  readonly editing: boolean;
  /** Someone else is dragging this factor right now. */
  readonly movedBy: { readonly name: string; readonly colour: string } | null;
  /** Names of the people this factor concerns, joined, so equal lists compare equal. */
  readonly actorNames: string;
  /** Pushed to the background while something else is highlighted. */
  readonly dimmed: boolean;
  /** The measured size, or an estimate until the factor was drawn: the size of the plain box when zoomed out. */
  readonly box: { readonly width: number; readonly height: number };
}

export interface LinkEdgeData extends Record<string, unknown> {
  readonly link: Link;
  /** A link in the opposite direction exists too; both are drawn a little apart. */
  readonly paired: boolean;
  /** 'on': part of the highlighted loop; 'off': dimmed because another loop is highlighted. */
  readonly emphasis: 'on' | 'off' | null;
  /** Breaking this link breaks vicious loops: how many, when break points are shown. */
  readonly breaks: number;
}

export type FactorFlowNode = Node<FactorNodeData, 'factor'>;
export type LinkFlowEdge = Edge<LinkEdgeData, 'link'>;
