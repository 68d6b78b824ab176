import { useState } from 'preact/hooks';
import { lines } from '../../lib/format';
import { can } from '../../stores/session';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { Field, inputClass } from '../../ui/Field';
import styles from './Settings.module.css';
import type { TenantStore, WidgetSettings } from './useTenant';

/** Props of {@link WidgetTextsCard}. */
export interface WidgetTextsCardProps {
  store: TenantStore;
}

type Draft = Omit<WidgetSettings, 'starters' | 'avatarUrl' | 'poweredBy' | 'linkTarget'> & {
  starters: string;
};

/** What visitors read: assistant name, greeting, starter questions, placeholder, position, language, persona. */
export function WidgetTextsCard({ store }: WidgetTextsCardProps) {
  const widget = store.tenant.value!.widget;
  const [draft, setDraft] = useState<Draft>({ ...widget, starters: widget.starters.join('\n') });
  const editable = can('tenant:write');
  const errors = store.fieldErrors.value;
  const set = (field: keyof Draft) => (event: { currentTarget: { value: string } }) =>
    setDraft({ ...draft, [field]: event.currentTarget.value });
  const err = (field: string) =>
    Object.entries(errors).find(([path]) => path.startsWith(`widget.${field}`))?.[1];
  const busy = store.saving.value === 'Widget texts';
  return (
    <Card title="Widget texts" description="What visitors see in the chat window.">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void store.save('Widget texts', {
            widget: {
              botName: draft.botName,
              greeting: draft.greeting,
              starters: lines(draft.starters),
              placeholder: draft.placeholder,
              position: draft.position,
              locale: draft.locale,
              persona: draft.persona,
            },
          });
        }}
      >
        <fieldset disabled={!editable} style={{ border: 'none', padding: 0, margin: 0 }}>
          <div class={styles.grid}>
            <Field label="Assistant name" error={err('botName')}>
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  class={inputClass}
                  value={draft.botName}
                  maxLength={40}
                  aria-invalid={invalid}
                  aria-describedby={describedBy}
                  onInput={set('botName')}
                />
              )}
            </Field>
            <Field label="Input placeholder" error={err('placeholder')}>
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  class={inputClass}
                  value={draft.placeholder}
                  maxLength={100}
                  aria-invalid={invalid}
                  aria-describedby={describedBy}
                  onInput={set('placeholder')}
                />
              )}
            </Field>
          </div>
          <Field
            label="Greeting"
            hint="The first message of every conversation."
            error={err('greeting')}
          >
            {({ id, describedBy, invalid }) => (
              <textarea
                id={id}
                class={inputClass}
                value={draft.greeting}
                maxLength={500}
                aria-invalid={invalid}
                aria-describedby={describedBy}
                onInput={set('greeting')}
              />
            )}
          </Field>
          <Field
            label="Starter questions"
            hint="One per line, up to 6. Shown as buttons before the first question."
            error={err('starters')}
          >
            {({ id, describedBy, invalid }) => (
              <textarea
                id={id}
                class={inputClass}
                value={draft.starters}
                aria-invalid={invalid}
                aria-describedby={describedBy}
                onInput={set('starters')}
              />
            )}
          </Field>
          <div class={styles.grid}>
            <fieldset class={styles.radios}>
              <legend>Position</legend>
              {(['bottom-right', 'bottom-left'] as const).map((position) => (
                <label key={position}>
                  <input
                    type="radio"
                    name="position"
                    value={position}
                    checked={draft.position === position}
                    onChange={() => setDraft({ ...draft, position })}
                  />
                  {position === 'bottom-right' ? 'Bottom right' : 'Bottom left'}
                </label>
              ))}
            </fieldset>
            <Field
              label="Language"
              hint="A language tag such as en, de or fr-CA."
              error={err('locale')}
            >
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  class={inputClass}
                  value={draft.locale}
                  maxLength={35}
                  aria-invalid={invalid}
                  aria-describedby={describedBy}
                  onInput={set('locale')}
                />
              )}
            </Field>
          </div>
          <Field
            label="Persona"
            hint="Private instructions for the assistant's tone and audience. Never shown to visitors."
            error={err('persona')}
          >
            {({ id, describedBy, invalid }) => (
              <textarea
                id={id}
                class={inputClass}
                value={draft.persona}
                maxLength={4000}
                aria-invalid={invalid}
                aria-describedby={describedBy}
                onInput={set('persona')}
              />
            )}
          </Field>
        </fieldset>
        {editable && (
          <Button type="submit" variant="primary" busy={busy}>
            Save widget texts
          </Button>
        )}
      </form>
    </Card>
  );
}
