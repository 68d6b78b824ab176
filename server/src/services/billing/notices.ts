import type { TenantId } from '../../db/tenant-scope';
import type { MailMessage } from '../mail/mailer';
import type { CountLimitName } from './plans';

/** A usage notice: a quota reached 80 % or 100 % of its limit. */
export interface UsageNotice {
  tenantId: string;
  metric: CountLimitName;
  percent: 80 | 100;
  used: number;
  limit: number;
  /** The quota period (`2026-11`), or `total` for stored documents and bytes. */
  period: string;
  plan: string;
  /** How far past the limit messages are still answered (soft-limit grace), in percent. */
  gracePercent: number;
}

/** Delivers notices to the tenant's admins (email through the mailer in production). */
export type NoticeSender = (notice: UsageNotice) => Promise<void>;

/** The thresholds crossed by going from `before` to `after` against `limit`. */
export function crossedThresholds(
  before: number,
  after: number,
  limit: number | null,
): (80 | 100)[] {
  if (limit === null || limit <= 0) return [];
  return ([80, 100] as const).filter((p) => {
    const mark = Math.ceil((limit * p) / 100);
    return before < mark && after >= mark;
  });
}

const metricWords: Record<CountLimitName, string> = {
  messagesPerMonth: 'chat messages this month',
  documents: 'documents',
  storageBytes: 'bytes of document storage',
  seats: 'seats',
  widgets: 'widgets',
};

/** The email an admin receives for a notice. */
export function usageNoticeMessage(
  notice: UsageNotice,
  to: string,
  workspace: string,
  billingUrl: string,
): MailMessage {
  const what = metricWords[notice.metric];
  const full = notice.percent === 100;
  const after =
    notice.metric === 'messagesPerMonth'
      ? notice.gracePercent > 0
        ? `The assistant keeps answering for another ${notice.gracePercent}% before new questions are refused.`
        : 'New questions are refused until the month ends or the plan is upgraded.'
      : 'New uploads are refused until space is freed or the plan is upgraded.';
  return {
    to,
    subject: full
      ? `${workspace} has reached its Parley plan limit`
      : `${workspace} has used 80% of its Parley plan`,
    text: [
      `${workspace} has used ${notice.used} of the ${notice.limit} ${what} its ${notice.plan} plan includes (${notice.percent}%).`,
      '',
      full ? after : 'Nothing changes yet; this is an early warning.',
      '',
      `Review usage or upgrade: ${billingUrl}`,
    ].join('\n'),
  };
}

/** Key under which a notice is remembered, so each is sent once per period. */
export const noticeKey = (notice: Pick<UsageNotice, 'period' | 'metric' | 'percent'>) =>
  `${notice.period}:${notice.metric}:${notice.percent}`;

/** Minimal logger shape for failures that must not break the request that triggered a notice. */
export interface WarnLogger {
  warn(object: object, message: string): void;
}

/**
 * Sends the notices for thresholds just crossed, each at most once per
 * period across instances (`claim` is an atomic set-if-absent).
 */
export async function sendNotices(
  notices: UsageNotice[],
  claim: (tenantId: TenantId, key: string) => Promise<boolean>,
  send: NoticeSender,
  logger: WarnLogger,
): Promise<void> {
  for (const notice of notices) {
    if (!(await claim(notice.tenantId, noticeKey(notice)))) continue;
    try {
      await send(notice);
    } catch (error) {
      // A mail outage must not refuse or break a chat answer; the console still shows the meter.
      logger.warn({ err: error, notice }, 'usage notice could not be sent');
    }
  }
}
