import {
  colorSchemes,
  headerStyles,
  launcherIcons,
  launcherShapes,
  positions,
} from '@parley/theme-kit';
import type { ComponentChildren } from 'preact';
import { Field, inputClass } from '../../ui/Field';
import { AssetField } from './AssetField';
import { ColorField } from './ColorField';
import { RangeField, SelectField, TextField, textParsers } from './fields';
import styles from './ThemeEditor.module.css';
import type { ThemeStore } from './theme-store';

/** Props of {@link ThemeControls}. */
export interface ThemeControlsProps {
  store: ThemeStore;
}

const label = (value: string) => value.charAt(0).toUpperCase() + value.slice(1).replace('-', ' ');
const options = (values: readonly string[]) =>
  values.map((value) => [value, label(value)] as const);

/** Font stacks that need no download; "custom" keeps whatever the theme has. */
const systemStacks = [
  [
    "system-ui, -apple-system, 'Segoe UI', 'Roboto', 'Helvetica Neue', 'Arial', sans-serif",
    'System UI',
  ],
  ["ui-rounded, system-ui, -apple-system, 'Segoe UI', sans-serif", 'Rounded'],
  ["'Georgia', 'Times New Roman', serif", 'Serif'],
  ["ui-monospace, 'SFMono-Regular', 'Menlo', 'Consolas', monospace", 'Monospace'],
] as const;

function Group({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <fieldset class={styles.group}>
      <legend class={styles.groupTitle}>{title}</legend>
      {children}
    </fieldset>
  );
}

/** A choice of system font stacks; a custom family stays selectable as itself. */
function FontSelect({ store }: { store: ThemeStore }) {
  const current = store.draft.value!.tokens['font-family'] ?? systemStacks[0][0];
  const known = systemStacks.some(([stack]) => stack === current);
  return (
    <Field label="Font">
      {({ id }) => (
        <select
          id={id}
          class={inputClass}
          value={current}
          onChange={(event) => store.setToken('tokens', 'font-family', event.currentTarget.value)}
        >
          {systemStacks.map(([stack, name]) => (
            <option key={stack} value={stack}>
              {name}
            </option>
          ))}
          {!known && <option value={current}>Custom: {current}</option>}
        </select>
      )}
    </Field>
  );
}

/** Every control, grouped the way admins think about a brand: brand, text, shape, launcher, dark mode. */
export function ThemeControls({ store }: ThemeControlsProps) {
  const theme = store.draft.value!;
  return (
    <div class={styles.controls}>
      <Group title="Brand">
        <ColorField
          store={store}
          label="Brand colour"
          tokenKey="color-primary"
          hint="Launcher, header, your visitors' messages."
        />
        <ColorField
          store={store}
          label="Accent colour"
          tokenKey="color-accent"
          hint="Links and source citations."
        />
        <SelectField
          store={store}
          label="Header style"
          path="panel.header"
          value={theme.panel.header}
          options={options(headerStyles)}
        />
        <TextField
          label="Theme name"
          value={theme.name}
          parse={textParsers.text60}
          onCommit={(value) => store.setSetting('name', value)}
        />
        <TextField
          label="Assistant name"
          hint="Shown in the chat header and read to screen readers; empty uses the name in Settings."
          value={theme.brand.botName}
          parse={textParsers.text40}
          onCommit={(value) => store.setSetting('brand.botName', value)}
        />
        <AssetField store={store} label="Logo" path="brand.logoUrl" value={theme.brand.logoUrl} />
        <AssetField
          store={store}
          label="Assistant avatar"
          path="brand.avatarUrl"
          value={theme.brand.avatarUrl}
        />
      </Group>
      <Group title="Text">
        <ColorField store={store} label="Text colour" tokenKey="color-text" />
        <ColorField store={store} label="Secondary text" tokenKey="color-text-quiet" />
        <FontSelect store={store} />
        <TextField
          label="Custom font family"
          hint="A comma-separated list, e.g. Inter, sans-serif."
          value={theme.tokens['font-family'] ?? null}
          parse={textParsers.fontFamily}
          onCommit={(value) => store.setToken('tokens', 'font-family', value)}
        />
        <TextField
          label="Web font stylesheet"
          hint="https URL on Google Fonts, Bunny Fonts or Adobe Fonts."
          value={theme.font.url}
          parse={textParsers.fontUrl}
          onCommit={(value) => store.setSetting('font.url', value)}
        />
        <RangeField store={store} label="Text size" tokenKey="font-size" />
        <RangeField store={store} label="Text scale" tokenKey="font-size-scale" step={0.05} />
      </Group>
      <Group title="Surfaces">
        <ColorField store={store} label="Panel background" tokenKey="color-surface" />
        <ColorField store={store} label="Borders" tokenKey="color-border" />
        <ColorField
          store={store}
          label="Assistant messages"
          tokenKey="bubble-assistant-background"
        />
      </Group>
      <Group title="Shape">
        <RangeField store={store} label="Corner radius" tokenKey="radius" />
        <RangeField store={store} label="Spacing" tokenKey="spacing-scale" step={0.05} />
        <RangeField store={store} label="Panel width" tokenKey="panel-width" step={4} />
        <RangeField store={store} label="Panel height" tokenKey="panel-height" step={4} />
      </Group>
      <Group title="Launcher">
        <ColorField store={store} label="Launcher colour" tokenKey="launcher-background" />
        <SelectField
          store={store}
          label="Shape"
          path="launcher.shape"
          value={theme.launcher.shape}
          options={options(launcherShapes)}
        />
        <SelectField
          store={store}
          label="Icon"
          path="launcher.icon"
          value={theme.launcher.icon}
          options={options(launcherIcons)}
        />
        <SelectField
          store={store}
          label="Position"
          path="position"
          value={theme.position}
          options={options(positions)}
        />
        <RangeField store={store} label="Size" tokenKey="launcher-size" />
        <TextField
          label="Label"
          hint="Text beside the icon; leave empty for the icon alone."
          value={theme.launcher.label}
          parse={textParsers.text24}
          onCommit={(value) => store.setSetting('launcher.label', value)}
        />
      </Group>
      <Group title="Dark mode">
        <SelectField
          store={store}
          label="Visitors see"
          path="colorScheme"
          value={theme.colorScheme}
          options={colorSchemes.map(
            (s) => [s, s === 'auto' ? 'Their system setting' : `Always ${s}`] as const,
          )}
        />
        <ColorField
          store={store}
          scope="dark"
          label="Brand colour (dark)"
          tokenKey="color-primary"
        />
        <ColorField
          store={store}
          scope="dark"
          label="Panel background (dark)"
          tokenKey="color-surface"
        />
        <ColorField store={store} scope="dark" label="Text colour (dark)" tokenKey="color-text" />
        <ColorField
          store={store}
          scope="dark"
          label="Accent colour (dark)"
          tokenKey="color-accent"
        />
      </Group>
    </div>
  );
}
