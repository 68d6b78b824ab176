import type { Locale } from './resolve';

/**
 * The only strings the loader needs before the panel loads: the launcher's
 * labels and its load error in each shipped locale. Kept apart from the full catalogs so the
 * loader stays a few kilobytes.
 */
export const launcherLabels: Record<
  Locale,
  { openChat: string; closeChat: string; loadFailed: string }
> = {
  en: {
    openChat: 'Open chat',
    closeChat: 'Close chat',
    loadFailed: 'The chat could not be loaded. Check your connection and try again.',
  },
  es: {
    openChat: 'Abrir el chat',
    closeChat: 'Cerrar el chat',
    loadFailed: 'No se pudo cargar el chat. Comprueba tu conexión e inténtalo de nuevo.',
  },
  fr: {
    openChat: 'Ouvrir le chat',
    closeChat: 'Fermer le chat',
    loadFailed: 'Le chat n’a pas pu être chargé. Vérifiez votre connexion et réessayez.',
  },
  de: {
    openChat: 'Chat öffnen',
    closeChat: 'Chat schließen',
    loadFailed: 'Der Chat konnte nicht geladen werden. Prüfen Sie Ihre Verbindung.',
  },
  ar: {
    openChat: 'فتح المحادثة',
    closeChat: 'إغلاق المحادثة',
    loadFailed: 'تعذر تحميل المحادثة. تحقق من اتصالك وحاول مرة أخرى.',
  },
  he: {
    openChat: 'פתיחת הצ׳אט',
    closeChat: 'סגירת הצ׳אט',
    loadFailed: 'לא ניתן לטעון את הצ׳אט. בדקו את החיבור ונסו שוב.',
  },
};
