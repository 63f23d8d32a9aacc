// Short forms for people, shared by `stats` and `prune`.

/** 0.0493 → "4.9%"; tiny non-zero rates keep two decimals so they do not read as 0. */
export const percent = (rate: number) => `${(rate * 100).toFixed(rate > 0 && rate < 0.001 ? 2 : 1)}%`;

/** An ISO instant as local "2026-11-24 09:41". */
export function localDateTime(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
