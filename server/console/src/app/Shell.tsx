import { useEffect } from 'preact/hooks';
import { route } from '../stores/route';
import { type Session, signOut } from '../stores/session';
import { Icon } from '../ui/Icon';
import styles from './App.module.css';
import { Link } from './Link';
import { type PageDef, visiblePages } from './pages';

/** Props of {@link Shell}. */
export interface ShellProps {
  session: Session;
  page: PageDef;
}

/** The signed-in layout: workspace, grouped navigation, account, and the current page. */
export function Shell({ session, page }: ShellProps) {
  const visible = visiblePages(session.permissions);
  const groups = ['Assistant', 'Workspace'] as const;
  const Page = page.component;
  useEffect(() => {
    document.title = `${page.label} · ${session.tenant?.name ?? 'Parley'} · Parley Console`;
    // Move focus to the new page's heading so keyboard and screen-reader users land on it.
    const heading = document.querySelector<HTMLElement>('[data-page-title]');
    if (heading && document.activeElement?.closest('nav')) heading.focus();
  }, [page.route]);
  return (
    <div class={styles.layout}>
      <a class={styles.skip} href="#main">
        Skip to content
      </a>
      <aside class={styles.sidebar}>
        <div class={styles.brand}>
          <span class={styles.logo} aria-hidden="true">
            P
          </span>
          <span class={styles.workspace}>
            <span class={styles.workspaceName}>{session.tenant?.name}</span>
            <span class={styles.workspaceSlug}>
              {session.tenant?.slug} · {session.tenant?.plan}
            </span>
          </span>
        </div>
        <nav aria-label="Console" class={styles.nav}>
          {groups.map((group) => {
            const entries = visible.filter((p) => p.group === group);
            if (entries.length === 0) return null;
            return (
              <div class={styles.group} key={group}>
                <h2 class={styles.groupTitle}>{group}</h2>
                {entries.map((entry) => (
                  <Link
                    key={entry.route}
                    to={entry.route}
                    class={styles.navLink}
                    aria-current={route.value === entry.route ? 'page' : undefined}
                  >
                    <Icon name={entry.icon} />
                    {entry.label}
                  </Link>
                ))}
              </div>
            );
          })}
        </nav>
        <div class={styles.account}>
          <span class={styles.accountEmail}>
            {session.user.email ?? session.user.name} <br />
            <small>{session.user.role}</small>
          </span>
          <button type="button" class={styles.signOut} onClick={() => void signOut()}>
            <Icon name="logout" /> Sign out
          </button>
        </div>
      </aside>
      <main class={styles.main} id="main">
        <Page key={page.route} />
      </main>
    </div>
  );
}
