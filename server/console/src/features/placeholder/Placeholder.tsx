import type { FunctionComponent } from 'preact';
import { Card, PageHeader } from '../../ui/Card';

/** Props of {@link Placeholder}. */
export interface PlaceholderProps {
  label: string;
}

/** A page slot another area of Parley fills in (theme, documents, conversations, SSO, billing, usage). */
export function Placeholder({ label }: PlaceholderProps) {
  return (
    <>
      <PageHeader title={label} />
      <Card>
        <p>{label} is not available in this build of the console yet.</p>
      </Card>
    </>
  );
}

/** A page component showing the placeholder for `label` (for the pages table). */
export function placeholder(label: string): FunctionComponent {
  const Page = () => <Placeholder label={label} />;
  Page.displayName = `Placeholder(${label})`;
  return Page;
}
