import { useState } from 'preact/hooks';
import styles from './ThemeEditor.module.css';
import type { PreviewFrame, ThemeStore } from './theme-store';
import { usePreviewBridge } from './usePreviewBridge';

/** Props of {@link PreviewPane}. */
export interface PreviewPaneProps {
  store: ThemeStore;
}

const frameLabels: Record<PreviewFrame, string> = {
  bubble: 'Bubble',
  inline: 'Inline',
  mobile: 'Mobile',
};

/** A group of radio buttons drawn as a segmented control (arrow keys move between them). */
function Segmented<T extends string>(props: {
  legend: string;
  value: T;
  options: readonly T[];
  labels: Record<T, string>;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset class={styles.segmented}>
      <legend class="visually-hidden">{props.legend}</legend>
      {props.options.map((option) => (
        <label key={option} class={styles.segment}>
          <input
            type="radio"
            name={props.legend}
            value={option}
            checked={props.value === option}
            onChange={() => props.onChange(option)}
          />
          <span>{props.labels[option]}</span>
        </label>
      ))}
    </fieldset>
  );
}

/**
 * The real widget, live: each frame is a sample page that embeds
 * `<parley-chat>` from the CDN build, asks a sample question, and takes the
 * draft theme from this page. Frames load on first view and stay loaded.
 */
export function PreviewPane({ store }: PreviewPaneProps) {
  const frame = store.frame.value;
  const [visited, setVisited] = useState<Set<PreviewFrame>>(new Set([frame]));
  const register = usePreviewBridge(store);
  const show = (next: PreviewFrame) => {
    store.frame.value = next;
    setVisited(new Set([...visited, next]));
  };
  return (
    <section class={styles.preview} aria-label="Live preview">
      <div class={styles.previewBar}>
        <Segmented
          legend="Preview frame"
          value={frame}
          options={['bubble', 'inline', 'mobile'] as const}
          labels={frameLabels}
          onChange={show}
        />
        <Segmented
          legend="Preview colour mode"
          value={store.previewMode.value}
          options={['light', 'dark'] as const}
          labels={{ light: 'Light', dark: 'Dark' }}
          onChange={(mode) => {
            store.previewMode.value = mode;
          }}
        />
      </div>
      {(['bubble', 'inline', 'mobile'] as const).map(
        (mode) =>
          visited.has(mode) && (
            <div
              key={mode}
              class={`${styles.frameBox} ${mode === 'mobile' ? styles.phone : ''}`}
              hidden={mode !== frame}
            >
              <iframe
                ref={register}
                class={styles.frame}
                title={`Preview: ${frameLabels[mode].toLowerCase()} widget`}
                src={`/theme-preview/frame?mode=${mode}`}
                data-preview={mode}
              />
            </div>
          ),
      )}
    </section>
  );
}
