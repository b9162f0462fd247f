/**
 * Solves A·x = b by Gaussian elimination with partial pivoting. A tiny ridge term is added when
 * the system is singular (a feature that never varies across the sampled coalitions), which
 * gives that feature the minimum-norm share instead of failing.
 */
export function solveLinearSystem(a: number[][], b: number[]): number[] {
  const n = b.length;
  const scale = Math.max(1e-300, ...a.map((row, i) => Math.abs(row[i])));
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    if (Math.abs(m[col][col]) < 1e-12 * scale) m[col][col] += 1e-9 * scale;
    for (let r = col + 1; r < n; r++) {
      const factor = m[r][col] / m[col][col];
      if (factor === 0) continue;
      for (let c = col; c <= n; c++) m[r][c] -= factor * m[col][c];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = m[r][n];
    for (let c = r + 1; c < n; c++) sum -= m[r][c] * x[c];
    x[r] = sum / m[r][r];
  }
  return x;
}
