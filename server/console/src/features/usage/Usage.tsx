import { useEffect, useMemo } from 'preact/hooks';
import { Card, PageHeader } from '../../ui/Card';
import { ErrorAlert } from '../../ui/ErrorAlert';
import ui from '../../ui/ui.module.css';
import styles from './Usage.module.css';
import {
  chartBars,
  count,
  formatBytes,
  type Meter,
  meter,
  monthName,
  type UsageSummary,
} from './usage-view';
import { createUsageStore, rangeOptions } from './useUsage';

/** The Usage page: meters for this month's messages and stored documents, and a daily chart. */
export function Usage() {
  const store = useMemo(createUsageStore, []);
  useEffect(() => {
    void store.load();
  }, [store]);
  const summary = store.summary.value;
  return (
    <>
      <PageHeader
        title="Usage"
        description="What your assistant used this month, against your plan."
      />
      <ErrorAlert message={store.error.value} />
      {summary === null ? (
        !store.error.value && <p class={ui.empty}>Loading usage…</p>
      ) : (
        <>
          {summary.restricted && (
            <div class={ui.alert} role="alert">
              Payment is overdue: the Free plan's limits apply until the invoice is paid.
            </div>
          )}
          <Card title="This month">
            <div class={styles.meters}>
              <MeterBar
                label={`Messages in ${monthName(summary.period)}`}
                meter={meter(summary.month.messages, summary.limits.messagesPerMonth)}
              />
              <MeterBar
                label="Documents"
                meter={meter(summary.stored.documents, summary.limits.documents)}
              />
              <MeterBar
                label="Storage"
                meter={meter(summary.stored.bytes, summary.limits.storageBytes, formatBytes)}
              />
            </div>
            {summary.limits.softLimitGracePercent > 0 && (
              <p class={styles.hint}>
                After the monthly limit, the assistant keeps answering for another{' '}
                {summary.limits.softLimitGracePercent}% before new questions are refused.
              </p>
            )}
          </Card>
          <Card
            title="Answered messages per day"
            actions={
              <label class={styles.range}>
                <span>Show</span>
                <select
                  class={ui.input}
                  value={store.days.value}
                  onChange={(e) =>
                    void store.setDays(Number((e.target as HTMLSelectElement).value))
                  }
                >
                  {rangeOptions.map((n) => (
                    <option key={n} value={n}>
                      last {n} days
                    </option>
                  ))}
                </select>
              </label>
            }
          >
            <DailyChart days={summary.days} />
          </Card>
        </>
      )}
    </>
  );
}

/** Props of {@link MeterBar}. */
export interface MeterBarProps {
  label: string;
  meter: Meter;
}

/** One labelled meter (a real `<meter>`, so assistive tech reads the value). */
export function MeterBar({ label, meter: m }: MeterBarProps) {
  return (
    <div class={styles.meter} data-tone={m.tone}>
      <div class={styles.meterText}>
        <span>{label}</span>
        <span>{m.label}</span>
      </div>
      {m.percent !== null && (
        <meter
          class={styles.meterBar}
          min={0}
          max={100}
          low={80}
          high={99}
          optimum={0}
          value={m.percent}
          aria-label={label}
        >
          {m.percent}%
        </meter>
      )}
    </div>
  );
}

const width = 600;
const height = 160;

/** Props of {@link DailyChart}. */
export interface DailyChartProps {
  days: UsageSummary['days'];
}

/** Bars of answered messages per day, with the numbers in a table for screen readers. */
export function DailyChart({ days }: DailyChartProps) {
  const { bars, max } = chartBars(
    days.map((d) => ({ day: d.day, value: d.messages })),
    width,
    height,
  );
  const total = days.reduce((n, d) => n + d.messages, 0);
  return (
    <figure class={styles.chart}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`${count(total)} messages over ${days.length} days`}
      >
        <line x1={0} x2={width} y1={0} y2={0} class={styles.gridLine} />
        <line x1={0} x2={width} y1={height / 2} y2={height / 2} class={styles.gridLine} />
        {bars.map((bar) => (
          <rect
            key={bar.day}
            x={bar.x}
            y={bar.y}
            width={bar.width}
            height={bar.height}
            class={styles.bar}
          >
            <title>
              {bar.day}: {count(bar.value)}
            </title>
          </rect>
        ))}
      </svg>
      <figcaption class={styles.axis}>
        <span>{days[0]?.day}</span>
        <span>max {count(max)} / day</span>
        <span>{days.at(-1)?.day}</span>
      </figcaption>
      <table class="visually-hidden">
        <caption>Answered messages per day</caption>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}>
              <th scope="row">{d.day}</th>
              <td>{d.messages}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
