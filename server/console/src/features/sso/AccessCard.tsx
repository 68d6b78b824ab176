import { useState } from 'preact/hooks';
import { can } from '../../stores/session';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { Field, inputClass, TextField } from '../../ui/Field';
import styles from './Sso.module.css';
import { cleanGroupRoles, mappingValue, type SsoRole, ssoRoles } from './sso-form';
import type { SsoStore } from './useSso';

/** Props of {@link AccessCard}. */
export interface AccessCardProps {
  store: SsoStore;
}

/** Who may sign in and as what: just-in-time accounts, default role, attribute and group mapping. */
export function AccessCard({ store }: AccessCardProps) {
  const view = store.settings.value!;
  const editable = can('sso:write');
  const [jit, setJit] = useState(view.jitProvisioning);
  const [defaultRole, setDefaultRole] = useState<SsoRole | ''>(view.defaultRole ?? '');
  const [email, setEmail] = useState(view.attributeMapping.email ?? '');
  const [name, setName] = useState(view.attributeMapping.name ?? '');
  const [groups, setGroups] = useState(view.attributeMapping.groups ?? '');
  const [rows, setRows] = useState(
    view.groupRoles.length ? view.groupRoles : [{ group: '', role: 'viewer' as SsoRole }],
  );
  const errors = store.fieldErrors.value;
  const setRow = (index: number, change: Partial<{ group: string; role: SsoRole }>) =>
    setRows(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const save = () =>
    store.save('Access', {
      jitProvisioning: jit,
      defaultRole: defaultRole || null,
      attributeMapping: {
        email: mappingValue(email),
        name: mappingValue(name),
        groups: mappingValue(groups),
      },
      groupRoles: cleanGroupRoles(rows),
    });
  return (
    <Card
      title="Users and roles"
      description="On every sign-in the IdP decides the role: the strongest role of the mapped groups, else the default. Owners are managed here, never by the IdP."
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <fieldset class={styles.plain} disabled={!editable}>
          <label class={styles.toggle}>
            <input
              type="checkbox"
              checked={jit}
              onChange={(e) => setJit(e.currentTarget.checked)}
            />
            <span>Create accounts on first sign-in (just-in-time provisioning)</span>
          </label>
          <Field
            label="Default role"
            hint="For people in no mapped group. “No access” refuses them, and disables accounts the IdP no longer grants a role."
            error={errors.defaultRole}
          >
            {({ id, describedBy }) => (
              <select
                id={id}
                class={inputClass}
                value={defaultRole}
                aria-describedby={describedBy}
                onChange={(e) => setDefaultRole(e.currentTarget.value as SsoRole | '')}
              >
                <option value="">No access</option>
                {ssoRoles.map((role) => (
                  <option value={role} key={role}>
                    {role}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <h3 class={styles.subheading}>Attribute mapping</h3>
          <p>Leave blank to detect the usual names (Okta, Entra ID, Google, Keycloak).</p>
          <TextField
            label="Email attribute"
            value={email}
            onInput={setEmail}
            placeholder="email"
            error={errors['attributeMapping.email']}
          />
          <TextField
            label="Name attribute"
            value={name}
            onInput={setName}
            placeholder="displayName"
            error={errors['attributeMapping.name']}
          />
          <TextField
            label="Groups attribute"
            value={groups}
            onInput={setGroups}
            placeholder="groups"
            error={errors['attributeMapping.groups']}
          />
          <h3 class={styles.subheading}>Groups → roles</h3>
          {rows.map((row, index) => (
            <div class={styles.groupRow} key={index}>
              <Field label={`Group ${index + 1}`} error={errors[`groupRoles.${index}.group`]}>
                {({ id }) => (
                  <input
                    id={id}
                    class={inputClass}
                    value={row.group}
                    placeholder="parley-admins or a group id"
                    onInput={(e) => setRow(index, { group: e.currentTarget.value })}
                  />
                )}
              </Field>
              <Field label="Role">
                {({ id }) => (
                  <select
                    id={id}
                    class={inputClass}
                    value={row.role}
                    onChange={(e) => setRow(index, { role: e.currentTarget.value as SsoRole })}
                  >
                    {ssoRoles.map((role) => (
                      <option value={role} key={role}>
                        {role}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Button
                size="small"
                variant="ghost"
                aria-label={`Remove group ${index + 1}`}
                onClick={() => setRows(rows.filter((_, i) => i !== index))}
              >
                Remove
              </Button>
            </div>
          ))}
          {editable && (
            <div class={styles.actions}>
              <Button
                size="small"
                onClick={() => setRows([...rows, { group: '', role: 'viewer' }])}
              >
                Add group
              </Button>
              <Button type="submit" variant="primary" busy={store.saving.value === 'Access'}>
                Save users and roles
              </Button>
            </div>
          )}
        </fieldset>
      </form>
    </Card>
  );
}
