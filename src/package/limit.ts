/**
 * Runs an async function over items with at most `limit` calls in flight,
 * keeping results in item order. Each call's rejection is left to the caller:
 * give a function that does not throw.
 *
 * @param items The inputs.
 * @param limit The most calls at once (at least 1).
 * @param fn The work for one item.
 * @returns The results, in the order of `items`.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i], i)
    }
  }
  const workers = Array.from(
    { length: Math.max(1, Math.min(limit, items.length)) },
    worker
  )
  await Promise.all(workers)
  return results
}
