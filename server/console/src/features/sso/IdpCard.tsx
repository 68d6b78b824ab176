import { useState } from 'preact/hooks';
import { can } from '../../stores/session';
import { Button } from '../../ui/Button';
import { Badge, Card } from '../../ui/Card';
import { Field, inputClass, TextField } from '../../ui/Field';
import styles from './Sso.module.css';
import { certificateExpiry, splitCertificates } from './sso-form';
import type { SsoStore } from './useSso';

/** Props of {@link IdpCard}. */
export interface IdpCardProps {
  store: SsoStore;
}

/** The identity provider: paste or upload its metadata XML, or enter its values by hand. */
export function IdpCard({ store }: IdpCardProps) {
  const view = store.settings.value!;
  const editable = can('sso:write');
  const [mode, setMode] = useState<'metadata' | 'manual'>('metadata');
  const [xml, setXml] = useState('');
  const [entityId, setEntityId] = useState(view.idp?.entityId ?? '');
  const [ssoUrl, setSsoUrl] = useState(view.idp?.ssoUrl ?? '');
  const [sloUrl, setSloUrl] = useState(view.idp?.sloUrl ?? '');
  const [certs, setCerts] = useState('');
  const errors = store.fieldErrors.value;
  const busy = store.saving.value === 'Identity provider';
  const upload = async (file: File | undefined) => {
    if (file) setXml(await file.text());
  };
  const save = async () => {
    const patch =
      mode === 'metadata'
        ? { metadataXml: xml }
        : {
            idp: {
              entityId,
              ssoUrl,
              sloUrl: sloUrl.trim() || null,
              signingCertificates: splitCertificates(certs),
            },
          };
    if (await store.save('Identity provider', patch)) setXml('');
  };
  return (
    <Card
      title="Identity provider"
      description={
        view.idp
          ? `Connected to ${view.idp.entityId}`
          : 'Not configured yet: paste your IdP metadata.'
      }
    >
      {view.idp && (
        <ul class={styles.certList} aria-label="Trusted signing certificates">
          {view.idp.signingCertificates.map((cert) => {
            const expiry = certificateExpiry(cert);
            return (
              <li class={styles.certItem} key={cert.fingerprint}>
                <span>{cert.subject ?? 'Public key'}</span>
                <Badge tone={expiry.tone}>{expiry.label}</Badge>
                <span class={styles.fingerprint}>SHA-256 {cert.fingerprint}</span>
              </li>
            );
          })}
        </ul>
      )}
      {editable && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <fieldset class={styles.modeSwitch} aria-label="How to enter the IdP">
            <Button
              size="small"
              variant={mode === 'metadata' ? 'primary' : 'default'}
              aria-pressed={mode === 'metadata'}
              onClick={() => setMode('metadata')}
            >
              Metadata XML
            </Button>
            <Button
              size="small"
              variant={mode === 'manual' ? 'primary' : 'default'}
              aria-pressed={mode === 'manual'}
              onClick={() => setMode('manual')}
            >
              Enter by hand
            </Button>
          </fieldset>
          {mode === 'metadata' ? (
            <>
              <Field
                label="IdP metadata XML"
                hint="Paste the XML, or choose the file you downloaded from your IdP. Every signing certificate in it is trusted (rotation)."
                error={errors.metadataXml ?? (errors._form && !errors.idp ? errors._form : null)}
              >
                {({ id, describedBy, invalid }) => (
                  <textarea
                    id={id}
                    class={`${inputClass} ${styles.textarea}`}
                    value={xml}
                    spellcheck={false}
                    aria-invalid={invalid}
                    aria-describedby={describedBy}
                    onInput={(e) => setXml(e.currentTarget.value)}
                  />
                )}
              </Field>
              <Field label="Or upload the metadata file">
                {({ id }) => (
                  <input
                    id={id}
                    type="file"
                    accept=".xml,application/xml,text/xml,application/samlmetadata+xml"
                    onChange={(e) => void upload(e.currentTarget.files?.[0])}
                  />
                )}
              </Field>
            </>
          ) : (
            <>
              <TextField
                label="IdP entity id (issuer)"
                value={entityId}
                onInput={setEntityId}
                error={errors['idp.entityId']}
              />
              <TextField
                label="Single sign-on URL"
                value={ssoUrl}
                onInput={setSsoUrl}
                error={errors['idp.ssoUrl']}
                type="url"
              />
              <TextField
                label="Single logout URL (optional)"
                value={sloUrl}
                onInput={setSloUrl}
                error={errors['idp.sloUrl']}
                type="url"
              />
              <Field
                label="Signing certificates"
                hint="PEM certificates or public keys; for bare base64 separate certificates with a blank line."
                error={
                  errors['idp.signingCertificates'] ??
                  (errors._form && !errors.metadataXml ? errors._form : null)
                }
              >
                {({ id, describedBy, invalid }) => (
                  <textarea
                    id={id}
                    class={`${inputClass} ${styles.textarea}`}
                    value={certs}
                    spellcheck={false}
                    aria-invalid={invalid}
                    aria-describedby={describedBy}
                    onInput={(e) => setCerts(e.currentTarget.value)}
                  />
                )}
              </Field>
            </>
          )}
          <Button type="submit" variant="primary" busy={busy}>
            Save identity provider
          </Button>
        </form>
      )}
    </Card>
  );
}
