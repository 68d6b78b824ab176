import { useState } from 'preact/hooks';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Field, inputClass } from '../../ui/Field';
import styles from './Keys.module.css';
import type { ApiKeyView, KeysStore } from './useKeys';

/** Props of {@link CreateKeyDialog}. */
export interface CreateKeyDialogProps {
  store: KeysStore;
  open: boolean;
  onClose: () => void;
}

/** Creates a publishable or secret key, live or test. */
export function CreateKeyDialog({ store, open, onClose }: CreateKeyDialogProps) {
  const [kind, setKind] = useState<ApiKeyView['kind']>('publishable');
  const [mode, setMode] = useState<ApiKeyView['mode']>('live');
  const [name, setName] = useState('');
  const submit = async () => {
    if (await store.create({ kind, mode, name })) {
      setName('');
      onClose();
    }
  };
  return (
    <Dialog
      title="Create an API key"
      open={open}
      onClose={onClose}
      onSubmit={submit}
      actions={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={store.busy.value}>
            Create key
          </Button>
        </>
      }
    >
      <fieldset class={styles.choices}>
        <legend>Type</legend>
        <label class={styles.choice}>
          <input
            type="radio"
            name="kind"
            checked={kind === 'publishable'}
            onChange={() => setKind('publishable')}
          />
          <span>
            Publishable (pk_…)
            <small>
              Goes in the script tag on your pages. Works only from your allowed origins.
            </small>
          </span>
        </label>
        <label class={styles.choice}>
          <input
            type="radio"
            name="kind"
            checked={kind === 'secret'}
            onChange={() => setKind('secret')}
          />
          <span>
            Secret (sk_…)
            <small>
              For your servers calling the admin API. Shown once; never put it in a web page.
            </small>
          </span>
        </label>
      </fieldset>
      <fieldset class={styles.choices}>
        <legend>Mode</legend>
        <label class={styles.choice}>
          <input
            type="radio"
            name="mode"
            checked={mode === 'live'}
            onChange={() => setMode('live')}
          />
          <span>
            Live<small>For production sites.</small>
          </span>
        </label>
        <label class={styles.choice}>
          <input
            type="radio"
            name="mode"
            checked={mode === 'test'}
            onChange={() => setMode('test')}
          />
          <span>
            Test<small>Also works from localhost, for development.</small>
          </span>
        </label>
      </fieldset>
      <Field label="Name" hint="Where it is used, e.g. Intranet or CI pipeline.">
        {({ id, describedBy }) => (
          <input
            id={id}
            class={inputClass}
            value={name}
            maxLength={60}
            aria-describedby={describedBy}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        )}
      </Field>
    </Dialog>
  );
}
