/** Strongly connected components of the subgraph on `vertices` (Tarjan, iterative); `inside` filters successors. */
export function strongComponents(
  vertices: readonly number[],
  successors: ReadonlyArray<readonly number[]>,
  inside: (w: number) => boolean,
): number[][] {
  // Typed arrays over all vertices: this runs once per start vertex, so Maps would dominate the whole search.
  const n = successors.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const work: number[] = [];
  const nextSuccessor: number[] = [];
  const out: number[][] = [];
  let counter = 0;

  for (const root of vertices) {
    if (index[root] !== -1) continue;
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    work.push(root);
    nextSuccessor.push(0);
    while (work.length > 0) {
      const top = work.length - 1;
      const v = work[top]!;
      const succ = successors[v]!;
      let descended = false;
      while (nextSuccessor[top]! < succ.length) {
        const w = succ[nextSuccessor[top]!++]!;
        if (!inside(w)) continue;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push(w);
          nextSuccessor.push(0);
          descended = true;
          break;
        }
        if (onStack[w] === 1 && index[w]! < low[v]!) low[v] = index[w]!;
      }
      if (descended) continue;
      work.pop();
      nextSuccessor.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
      if (low[v] === index[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        out.push(component);
      }
    }
  }
  return out;
}
