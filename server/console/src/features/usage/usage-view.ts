/** `GET /api/usage`. */
export interface UsageSummary {
  plan: string;
  limitsPlan: string;
  restricted: boolean;
  limits: {
    messagesPerMonth: number | null;
    documents: number | null;
    storageBytes: number | null;
    softLimitGracePercent: number;
  };
  period: string;
  month: { messages: number };
  stored: { documents: number; bytes: number };
  days: {
    day: string;
    messages: number;
    promptTokens: number;
    completionTokens: number;
    documents: number;
    bytes: number;
  }[];
}

/** One usage meter: how full, in what tone, and in words. */
export interface Meter {
  /** 0–100 for the bar; `null` when unlimited. */
  percent: number | null;
  tone: 'ok' | 'warning' | 'danger';
  label: string;
}

/** A meter for `used` of `limit` (80 % warns, 100 % is full), formatted with `format`. */
export function meter(
  used: number,
  limit: number | null,
  format: (n: number) => string = count,
): Meter {
  if (limit === null) return { percent: null, tone: 'ok', label: `${format(used)} (unlimited)` };
  const ratio = limit === 0 ? (used > 0 ? 1 : 0) : used / limit;
  return {
    percent: Math.min(100, Math.round(ratio * 100)),
    tone: ratio >= 1 ? 'danger' : ratio >= 0.8 ? 'warning' : 'ok',
    label: `${format(used)} of ${format(limit)}`,
  };
}

/** 12,345 in the viewer's locale. */
export function count(n: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** 1.5 MB, 20 GB: 1024-based, as the plan catalogue counts storage. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** The smallest 1/2/5 × 10ⁿ at or above `n` (at least 1), for a chart's top line. */
export function niceMax(n: number): number {
  if (n <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  for (const step of [1, 2, 5, 10]) if (step * power >= n) return step * power;
  return 10 * power;
}

/** One bar of the daily chart, in SVG user units. */
export interface Bar {
  day: string;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Lays out one bar per day in a `width` × `height` box, scaled to a round maximum. */
export function chartBars(
  days: { day: string; value: number }[],
  width: number,
  height: number,
): { bars: Bar[]; max: number } {
  const max = niceMax(Math.max(0, ...days.map((d) => d.value)));
  const slot = days.length ? width / days.length : width;
  const gap = Math.min(4, slot * 0.2);
  const bars = days.map((d, i) => {
    const h = (d.value / max) * height;
    return {
      day: d.day,
      value: d.value,
      x: i * slot + gap / 2,
      y: height - h,
      width: slot - gap,
      height: h,
    };
  });
  return { bars, max };
}

/** "November 2026" for the quota period `2026-11` (UTC, like the server's months). */
export function monthName(period: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${period}-01T00:00:00Z`));
}
