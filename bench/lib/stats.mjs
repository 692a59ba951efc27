/** Small statistics for a handful of runs. */

/** The median of the finite numbers in xs (NaN when there are none). */
export function median(xs) {
  const v = xs.filter(Number.isFinite).sort((a, b) => a - b)
  if (v.length === 0) return NaN
  const m = v.length >> 1
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2
}

/** Medians of every numeric key across a list of objects. */
export function medians(rows) {
  const keys = new Set(rows.flatMap((r) => Object.keys(r)))
  const out = {}
  for (const k of keys) {
    const vals = rows.map((r) => r[k]).filter((x) => typeof x === 'number')
    if (vals.length) out[k] = median(vals)
  }
  return out
}
