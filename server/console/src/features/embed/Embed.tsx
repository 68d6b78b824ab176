import { useEffect, useState } from 'preact/hooks';
import { Link } from '../../app/Link';
import { errorMessage } from '../../lib/api';
import { api } from '../../stores/api';
import { Badge, Card, PageHeader } from '../../ui/Card';
import { CopyButton } from '../../ui/CopyButton';
import { ErrorAlert } from '../../ui/ErrorAlert';
import ui from '../../ui/ui.module.css';

/** What `GET /api/tenant/embed` returns. */
export interface EmbedInfo {
  bundle: { version: string; url: string; integrity: string } | null;
  snippets: {
    keyId: string;
    mode: 'live' | 'test';
    name: string;
    publishableKey: string;
    scriptTag: string;
  }[];
}

/** The exact script tag to paste, per publishable key, with the bundle's SRI hash. */
export function Embed() {
  const [info, setInfo] = useState<EmbedInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<EmbedInfo>('GET', '/api/tenant/embed').then(setInfo, (e) => setError(errorMessage(e)));
  }, []);
  return (
    <>
      <PageHeader
        title="Embed the assistant"
        description="Paste one line before </body> on every page where the assistant should appear."
      />
      <ErrorAlert message={error} />
      {info && !info.bundle && (
        <div class={ui.notice}>
          The widget bundle is not built on this server yet; run npm run build.
        </div>
      )}
      {info?.bundle && info.snippets.length === 0 && (
        <div class={ui.notice}>
          There is no active publishable key. <Link to="keys">Create one</Link> to get a script tag.
        </div>
      )}
      {info?.snippets.map((snippet) => (
        <Card
          key={snippet.keyId}
          title={snippet.name || 'Publishable key'}
          actions={
            <Badge tone={snippet.mode === 'live' ? 'success' : 'info'}>{snippet.mode}</Badge>
          }
          description={
            snippet.mode === 'test'
              ? 'Test key: also works on http://localhost for development.'
              : 'Live key: for your production sites.'
          }
        >
          <div class={ui.codeRow}>
            <code class={ui.code} data-testid="script-tag">
              {snippet.scriptTag}
            </code>
            <CopyButton text={snippet.scriptTag} label="Copy snippet" />
          </div>
        </Card>
      ))}
      {info?.bundle && (
        <Card title="Good to know">
          <ul>
            <li>
              The widget only runs on your <Link to="settings">allowed origins</Link>; add each
              site's address there first.
            </li>
            <li>
              The <code>integrity</code> attribute pins version {info.bundle.version}: browsers
              refuse the script if a single byte changes. Update the tag to move to a newer version.
            </li>
            <li>
              Publishable keys are safe in page source. Never put a secret <code>sk_</code> key in a
              page.
            </li>
          </ul>
        </Card>
      )}
    </>
  );
}
