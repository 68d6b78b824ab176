import type { ComponentType } from 'preact';
import { Audit } from '../features/audit/Audit';
import { Billing } from '../features/billing/Billing';
import { Conversations } from '../features/conversations/Conversations';
import { Documents } from '../features/documents/Documents';
import { Embed } from '../features/embed/Embed';
import { Keys } from '../features/keys/Keys';
import { Settings } from '../features/settings/Settings';
import { Sso } from '../features/sso/Sso';
import { ThemePage } from '../features/theme-editor/ThemePage';
import { Usage } from '../features/usage/Usage';
import { Users } from '../features/users/Users';
import type { IconName } from '../ui/Icon';

/** One console page: its route, nav entry and the permission needed to see it. */
export interface PageDef {
  route: string;
  label: string;
  icon: IconName;
  group: 'Assistant' | 'Workspace';
  /** Hidden from callers without this permission (the API enforces it anyway). */
  permission: string;
  component: ComponentType;
}

/**
 * The console's pages, in nav order. Areas built by other engineers (Theme,
 * Documents, Conversations, SSO, Billing, Usage) have their slot here:
 * replace the `placeholder(…)` with the feature's page component.
 */
export const pages: PageDef[] = [
  {
    route: 'embed',
    label: 'Embed',
    icon: 'code',
    group: 'Assistant',
    permission: 'tenant:read',
    component: Embed,
  },
  {
    route: 'theme',
    label: 'Theme',
    icon: 'palette',
    group: 'Assistant',
    permission: 'theme:read',
    component: ThemePage,
  },
  {
    route: 'documents',
    label: 'Documents',
    icon: 'file',
    group: 'Assistant',
    permission: 'documents:read',
    component: Documents,
  },
  {
    route: 'conversations',
    label: 'Conversations',
    icon: 'chat',
    group: 'Assistant',
    permission: 'conversations:read',
    component: Conversations,
  },
  {
    route: 'settings',
    label: 'Settings',
    icon: 'settings',
    group: 'Workspace',
    permission: 'tenant:read',
    component: Settings,
  },
  {
    route: 'users',
    label: 'Users',
    icon: 'users',
    group: 'Workspace',
    permission: 'users:read',
    component: Users,
  },
  {
    route: 'keys',
    label: 'API keys',
    icon: 'key',
    group: 'Workspace',
    permission: 'keys:read',
    component: Keys,
  },
  {
    route: 'sso',
    label: 'Single sign-on',
    icon: 'shield',
    group: 'Workspace',
    permission: 'sso:read',
    component: Sso,
  },
  {
    route: 'billing',
    label: 'Billing',
    icon: 'card',
    group: 'Workspace',
    permission: 'billing:read',
    component: Billing,
  },
  {
    route: 'usage',
    label: 'Usage',
    icon: 'chart',
    group: 'Workspace',
    permission: 'usage:read',
    component: Usage,
  },
  {
    route: 'audit',
    label: 'Audit log',
    icon: 'list',
    group: 'Workspace',
    permission: 'audit:read',
    component: Audit,
  },
];

/** The pages a caller with these permissions may open. */
export function visiblePages(permissions: readonly string[]): PageDef[] {
  return pages.filter((page) => permissions.includes(page.permission));
}

/** The page for a route, or the first visible one (the landing page). */
export function resolvePage(route: string, permissions: readonly string[]): PageDef | undefined {
  const visible = visiblePages(permissions);
  return visible.find((page) => page.route === route) ?? undefined;
}

/** Where a signed-in caller lands: Embed for those who can see it, else their first page. */
export function landingRoute(permissions: readonly string[]): string {
  return visiblePages(permissions)[0]?.route ?? '';
}
