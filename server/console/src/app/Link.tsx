import type { ComponentChildren, JSX } from 'preact';
import { hrefOf, isModifiedClick } from '../lib/router';
import { navigate } from '../stores/route';

/** Props of {@link Link}. */
export interface LinkProps extends Omit<JSX.HTMLAttributes<HTMLAnchorElement>, 'href'> {
  to: string;
  children: ComponentChildren;
}

/** An in-console link: a real `<a href>` (open in new tab works) that navigates without reloading. */
export function Link({ to, children, ...rest }: LinkProps) {
  return (
    <a
      {...rest}
      href={hrefOf(to)}
      onClick={(event) => {
        if (isModifiedClick(event)) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
