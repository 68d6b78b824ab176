import { useEffect } from 'preact/hooks';
import { Operator } from '../features/operator/Operator';
import { ForgotPassword } from '../features/password/ForgotPassword';
import { SetPassword } from '../features/password/SetPassword';
import { SignIn } from '../features/sign-in/SignIn';
import { navigate, route } from '../stores/route';
import { loadSession, session } from '../stores/session';
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
  if (current === null) return <SignIn />;
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
