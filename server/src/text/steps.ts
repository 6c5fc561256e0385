/**
 * Long computations written as generators that yield now and then (the dump parser, a
 * document's whole analysis): run to the end at once here, or a slice at a time by the
 * language server, which answers requests between slices and drops a superseded run.
 */

/** Runs a stepped computation to its end and returns its result. */
export function runSteps<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * One slice of a stepped computation: steps until one is done or `ms` have passed (at least
 * one step). Returns the last step's result.
 */
export function runStepsFor<Y, T>(steps: Generator<Y, T>, ms: number): IteratorResult<Y, T> {
  const sliceStart = performance.now();
  let step = steps.next();
  while (!step.done && performance.now() - sliceStart < ms) step = steps.next();
  return step;
}
