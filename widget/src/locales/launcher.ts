import type { Locale } from './resolve';

/**
 * The only strings the loader needs before the panel loads: the launcher's
 * labels and its load error in each shipped locale. Kept apart from the full catalogs so the
 * loader stays a few kilobytes; the load error is deliberately short (every byte here is paid
 * before the launcher appears).
 */
export const launcherLabels: Record<
  Locale,
  { openChat: string; closeChat: string; loadFailed: string }
> = {
  en: {
    openChat: 'Open chat',
    closeChat: 'Close chat',
    loadFailed: 'Chat unavailable. Try again later.',
  },
  es: {
    openChat: 'Abrir el chat',
    closeChat: 'Cerrar el chat',
    loadFailed: 'Chat no disponible. Inténtalo más tarde.',
  },
  fr: {
    openChat: 'Ouvrir le chat',
    closeChat: 'Fermer le chat',
    loadFailed: 'Chat indisponible. Réessayez plus tard.',
  },
  de: {
    openChat: 'Chat öffnen',
    closeChat: 'Chat schließen',
    loadFailed: 'Chat nicht verfügbar. Später erneut versuchen.',
  },
  ar: {
    openChat: 'فتح المحادثة',
    closeChat: 'إغلاق المحادثة',
    loadFailed: 'المحادثة غير متاحة. حاول لاحقًا.',
  },
  he: {
    openChat: 'פתיחת הצ׳אט',
    closeChat: 'סגירת הצ׳אט',
    loadFailed: 'הצ׳אט לא זמין. נסו שוב מאוחר יותר.',
  },
};
