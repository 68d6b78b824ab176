import { useMemo, useState } from 'preact/hooks';
import { Link } from '../../app/Link';
import { Button } from '../../ui/Button';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Field, inputClass } from '../../ui/Field';
import styles from './SignIn.module.css';
import { createSignInStore } from './useSignIn';

/** Props of {@link AuthPage}. */
export interface AuthPageProps {
  title: string;
  subtitle?: string;
  children: preact.ComponentChildren;
}

/** The centred card the sign-in and password pages share. */
export function AuthPage({ title, subtitle, children }: AuthPageProps) {
  return (
    <main class={styles.page}>
      <div class={styles.panel}>
        <div class={styles.brand}>
          <span class={styles.logo} aria-hidden="true">
            P
          </span>
          Parley
        </div>
        <h1 class={styles.title}>{title}</h1>
        {subtitle && <p class={styles.subtitle}>{subtitle}</p>}
        {children}
      </div>
    </main>
  );
}

/** The sign-in page: email and password, and a workspace slug for people in several workspaces. */
export function SignIn() {
  return (
    <AuthPage title="Sign in" subtitle="Manage your assistant, its knowledge and its team.">
      <SignInForm />
    </AuthPage>
  );
}

/** Props of {@link SignInForm}. */
export interface SignInFormProps {
  /** Prefilled fields (the expired session's email and workspace). */
  initial?: { email?: string; tenant?: string };
  /** Called after a successful sign-in. */
  onSignedIn?: () => void;
  /** Hide "Forgot your password?" (leaving a dialog for another page would drop its edits). */
  noLinks?: boolean;
}

/** The sign-in form the page and the session-expired dialog share. */
export function SignInForm({ initial, onSignedIn, noLinks }: SignInFormProps) {
  const store = useMemo(createSignInStore, []);
  const [email, setEmail] = useState(initial?.email ?? '');
  const [password, setPassword] = useState('');
  const [tenant, setTenant] = useState(initial?.tenant ?? '');
  const [showWorkspace, setShowWorkspace] = useState(Boolean(initial?.tenant));
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void store.submit({ email, password, tenant }).then((ok) => ok && onSignedIn?.());
      }}
    >
      <ErrorAlert message={store.error.value} />
      <Field label="Email">
        {({ id, describedBy }) => (
          <input
            id={id}
            class={inputClass}
            type="email"
            name="email"
            autocomplete="username"
            required
            value={email}
            aria-describedby={describedBy}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        )}
      </Field>
      <Field label="Password">
        {({ id, describedBy }) => (
          <input
            id={id}
            class={inputClass}
            type="password"
            name="password"
            autocomplete="current-password"
            required
            value={password}
            aria-describedby={describedBy}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        )}
      </Field>
      {showWorkspace ? (
        <Field label="Workspace" hint="The short name in your workspace's address, e.g. acme-hr.">
          {({ id, describedBy }) => (
            <input
              id={id}
              class={inputClass}
              name="workspace"
              autocomplete="organization"
              value={tenant}
              aria-describedby={describedBy}
              onInput={(e) => setTenant(e.currentTarget.value)}
            />
          )}
        </Field>
      ) : (
        <p>
          <button type="button" class={styles.disclosure} onClick={() => setShowWorkspace(true)}>
            Sign in to a specific workspace
          </button>
        </p>
      )}
      <Button type="submit" variant="primary" class={styles.submit} busy={store.busy.value}>
        {store.busy.value ? 'Signing in…' : 'Sign in'}
      </Button>
      {!noLinks && (
        <div class={styles.links}>
          <Link to="forgot-password">Forgot your password?</Link>
        </div>
      )}
    </form>
  );
}
