/** Icon names available to the navigation. */
export type IconName =
  | 'code'
  | 'palette'
  | 'file'
  | 'chat'
  | 'settings'
  | 'users'
  | 'key'
  | 'shield'
  | 'card'
  | 'chart'
  | 'list'
  | 'building'
  | 'logout';

// Simple 24px stroke icons (drawn for this console), so no icon font or CDN is needed under the CSP.
const paths: Record<IconName, string> = {
  code: 'M8 7l-5 5 5 5M16 7l5 5-5 5M14 4l-4 16',
  palette:
    'M12 3a9 9 0 100 18c1 0 1.5-.7 1.5-1.5 0-1-.8-1.3-.8-2.2 0-.9.7-1.3 1.6-1.3H16a5 5 0 005-5c0-4.4-4-8-9-8zM7.5 11.5h0M10 7.5h0M14.5 7.5h0',
  file: 'M14 3H7a2 2 0 00-2 2v14a2 2 0 002 2h10a2 2 0 002-2V8zM14 3v5h5M9 13h6M9 17h6',
  chat: 'M21 12a8 8 0 01-11.6 7.1L4 20l1-4.6A8 8 0 1121 12z',
  settings:
    'M12 15a3 3 0 100-6 3 3 0 000 6zM19.4 15a1.7 1.7 0 00.3 1.8l.1.1a2 2 0 11-2.8 2.8l-.1-.1a1.7 1.7 0 00-2.9 1.2V21a2 2 0 11-4 0v-.1A1.7 1.7 0 007 19.4l-.1.1a2 2 0 11-2.8-2.8l.1-.1A1.7 1.7 0 003 14H3a2 2 0 110-4h.1A1.7 1.7 0 004.6 7l-.1-.1a2 2 0 112.8-2.8l.1.1A1.7 1.7 0 0010 3V3a2 2 0 114 0v.1a1.7 1.7 0 002.9 1.2l.1-.1a2 2 0 112.8 2.8l-.1.1A1.7 1.7 0 0021 10h.1a2 2 0 110 4H21a1.7 1.7 0 00-1.6 1z',
  users:
    'M17 21v-2a4 4 0 00-4-4H6a4 4 0 00-4 4v2M9.5 11a4 4 0 100-8 4 4 0 000 8zM22 21v-2a4 4 0 00-3-3.9M16 3.1a4 4 0 010 7.8',
  key: 'M15 7a4 4 0 11-3.9 5H3v4h3v-2h2v2h3.1A4 4 0 0115 7zM16 11h0',
  shield: 'M12 21s8-3.5 8-9.5V5l-8-2-8 2v6.5C4 17.5 12 21 12 21z',
  card: 'M3 6h18v12H3zM3 10h18M7 15h3',
  chart: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  list: 'M9 6h12M9 12h12M9 18h12M4 6h0M4 12h0M4 18h0',
  building:
    'M4 21V4a1 1 0 011-1h9a1 1 0 011 1v17M15 9h4a1 1 0 011 1v11M8 7h3M8 11h3M8 15h3M2 21h20',
  logout: 'M9 21H5a2 2 0 01-2-2V5a2 2 0 012-2h4M16 17l5-5-5-5M21 12H9',
};

/** A decorative icon (hidden from assistive tech; the text next to it names the thing). */
export function Icon({ name }: { name: IconName }) {
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
    >
      <path d={paths[name]} />
    </svg>
  );
}
