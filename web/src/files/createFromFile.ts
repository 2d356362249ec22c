/** Creating a new analysis on the server from an analysis file (examples, "Analyse openen uit bestand"). */
import type { Issue } from '@samenzicht/shared/schema/errors';
import type { AnalysisLinks } from '../sync/links.ts';

export type CreateResult =
  | { readonly ok: true; readonly id: string; readonly links: AnalysisLinks }
  | { readonly ok: false; readonly status: number; readonly errors: readonly Issue[] };

function isIssue(value: unknown): value is Issue {
  const v = value as Issue | null;
  return typeof v?.path === 'string' && typeof v.message === 'string';
}

/** POSTs `{ title, content }` to /api/analyses; a refused file comes back with the server's errors. */
export async function createAnalysisFrom(content: Record<string, unknown>, title: string): Promise<CreateResult> {
  let response: Response;
  try {
    response = await fetch('/api/analyses', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title, content }),
    });
  } catch {
    return { ok: false, status: 0, errors: [] };
  }
  const body = (await response.json().catch(() => null)) as { id?: unknown; links?: Partial<AnalysisLinks>; errors?: unknown } | null;
  const links = body?.links;
  if (
    response.ok &&
    typeof body?.id === 'string' &&
    typeof links?.facilitator === 'string' &&
    typeof links.editor === 'string' &&
    typeof links.viewer === 'string'
  ) {
    return { ok: true, id: body.id, links: { facilitator: links.facilitator, editor: links.editor, viewer: links.viewer } };
  }
  const errors = Array.isArray(body?.errors) ? body.errors.filter(isIssue) : [];
  return { ok: false, status: response.status || 502, errors };
}
