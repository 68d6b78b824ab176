import { forgetExpiredSession, type Session } from '../../stores/session';
import { notify } from '../../stores/toasts';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { SignInForm } from './SignIn';

/** Props of {@link SessionExpired}. */
export interface SessionExpiredProps {
  /** The session that ended: its email and workspace are prefilled. */
  expired: Session;
}

/**
 * Shown over the page whose session ended (a 401 while signed in). The page
 * stays mounted under the modal, so a form that failed to save keeps what
 * was typed; after signing in again, the person is where they were and
 * saves once more. "Use another account" drops the page and its edits.
 */
export function SessionExpired({ expired }: SessionExpiredProps) {
  return (
    <Dialog
      title="Your session has expired — sign in again"
      open
      // Escape must not dismiss it: behind it is a page that cannot save.
      onClose={() => {}}
    >
      <p>Your changes on this page are kept. Sign in, then save them again.</p>
      <SignInForm
        initial={{ email: expired.user.email ?? '', tenant: expired.tenant?.slug }}
        noLinks
        onSignedIn={() => notify('Signed in again. Nothing on this page was lost.')}
      />
      <p>
        <Button variant="default" onClick={forgetExpiredSession}>
          Use another account
        </Button>
      </p>
    </Dialog>
  );
}
