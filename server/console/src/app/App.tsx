import { useEffect } from 'preact/hooks';
import { Operator } from '../features/operator/Operator';
import { ForgotPassword } from '../features/password/ForgotPassword';
import { SetPassword } from '../features/password/SetPassword';
import { SessionExpired } from '../features/sign-in/SessionExpired';
import { SignIn } from '../features/sign-in/SignIn';
import { navigate, route } from '../stores/route';
import { accountKey, expiredSession, loadSession, type Session, session } from '../stores/session';
import { Toasts } from '../ui/Toasts';
import ui from '../ui/ui.module.css';
import { landingRoute, resolvePage } from './pages';
import { Shell } from './Shell';

/** Routes reachable without a session. */
const publicRoutes: Record<string, () => preact.JSX.Element> = {
  'sign-in': () => <SignIn />,
  'forgot-password': () => <ForgotPassword />,
  'reset-password': () => <SetPassword purpose="reset" />,
  'accept-invite': () => <SetPassword purpose="invite" />,
};

/** The console: loads the session, then shows the public pages or the signed-in shell. */
export function App() {
  useEffect(() => {
    loadSession().catch(() => {
      session.value = null;
    });
  }, []);
  return (
    <>
      <Routes />
      <Toasts />
    </>
  );
}

function Routes() {
  const current = session.value;
  const at = route.value;
  if (at in publicRoutes && at !== 'sign-in') return publicRoutes[at]!();
  if (current === undefined) return <div class={ui.spinner}>Loading…</div>;
  // A session that ended while in use keeps its pages (and their unsaved
  // edits) mounted under the sign-in dialog; the same tree shape and key in
  // both states is what keeps Preact from remounting them.
  const shown = current ?? expiredSession.value;
  if (!shown) return <SignIn />;
  return (
    <>
      <SignedIn key={accountKey(shown)} session={shown} at={at} />
      {current === null && <SessionExpired expired={shown} />}
    </>
  );
}

function SignedIn({ session: current, at }: { session: Session; at: string }) {
  if (current.operator) return <Operator />;
  const page = resolvePage(at, current.permissions);
  if (!page) {
    const landing = landingRoute(current.permissions);
    // Unknown or forbidden routes (and /admin itself) go to the landing page.
    queueMicrotask(() => navigate(landing, { replace: true }));
    return <div class={ui.spinner}>Loading…</div>;
  }
  return <Shell session={current} page={page} />;
}
