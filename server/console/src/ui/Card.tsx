import type { ComponentChildren } from 'preact';
import styles from './ui.module.css';

/** Props of {@link Card}. */
export interface CardProps {
  title?: string;
  description?: ComponentChildren;
  actions?: ComponentChildren;
  footer?: ComponentChildren;
  children?: ComponentChildren;
  labelledBy?: string;
}

/** A titled panel of related settings or data. */
export function Card({ title, description, actions, footer, children }: CardProps) {
  return (
    <section class={styles.card} aria-label={title}>
      {(title || actions) && (
        <div class={styles.cardHeader}>
          <div>
            {title && <h2 class={styles.cardTitle}>{title}</h2>}
            {description && <p class={styles.cardDescription}>{description}</p>}
          </div>
          {actions}
        </div>
      )}
      {children}
      {footer && <div class={styles.cardFooter}>{footer}</div>}
    </section>
  );
}

/** Props of {@link PageHeader}. */
export interface PageHeaderProps {
  title: string;
  description?: ComponentChildren;
  actions?: ComponentChildren;
}

/** The heading of a console page; the `h1` receives focus after navigation. */
export function PageHeader({ title, description, actions }: PageHeaderProps) {
  return (
    <header class={styles.pageHeader}>
      <div>
        <h1 class={styles.pageTitle} tabIndex={-1} data-page-title>
          {title}
        </h1>
        {description && <p class={styles.pageDescription}>{description}</p>}
      </div>
      {actions}
    </header>
  );
}

/** Props of {@link Badge}. */
export interface BadgeProps {
  tone?: 'neutral' | 'success' | 'warning' | 'danger' | 'info';
  children: ComponentChildren;
}

const tones = {
  neutral: '',
  success: styles.badgeSuccess,
  warning: styles.badgeWarning,
  danger: styles.badgeDanger,
  info: styles.badgeInfo,
};

/** A small status label. */
export function Badge({ tone = 'neutral', children }: BadgeProps) {
  return <span class={`${styles.badge} ${tones[tone]}`}>{children}</span>;
}

/** Shared class names for pages that lay out their own tables and notices. */
export const ui = styles;
