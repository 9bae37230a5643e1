/** Figures in messages and docs: 1234 -> `1,234`. */
export const fmt = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');
