import { useState } from 'preact/hooks';
import { Button } from './Button';

/** Props of {@link CopyButton}. */
export interface CopyButtonProps {
  text: string;
  label?: string;
  onCopy?: () => void;
}

/** Copies text to the clipboard and says so for a moment (also to screen readers). */
export function CopyButton({ text, label = 'Copy', onCopy }: CopyButtonProps) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Clipboard API refused (permissions, insecure context): fall back to a selection copy.
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.className = 'visually-hidden';
      document.body.append(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    setCopied(true);
    onCopy?.();
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <Button size="small" onClick={copy} aria-live="polite">
      {copied ? 'Copied ✓' : label}
    </Button>
  );
}
