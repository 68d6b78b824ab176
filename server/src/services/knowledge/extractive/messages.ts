/** The extractive responder's own sentences; everything else it says is quoted document text. */
export interface ExtractiveMessages {
  /** Label above the quoted passages. */
  intro: string;
  /** The whole answer when no passage answers the question. */
  notFound: string;
}

/**
 * The built-in sentences in the interface languages the widget ships
 * (en, es, fr, de, ar, he). Quotes stay in the documents' own language:
 * translating them would no longer be quoting.
 */
export const EXTRACTIVE_MESSAGES = {
  en: {
    intro: 'Here is what the documents say (quoted passages, not a generated answer):',
    notFound:
      "I couldn't find the answer to that in the available documents. Try rephrasing your question, or ask the people who maintain them.",
  },
  es: {
    intro: 'Esto es lo que dicen los documentos (pasajes citados, no una respuesta generada):',
    notFound:
      'No he encontrado la respuesta en los documentos disponibles. Prueba a reformular la pregunta o consulta a las personas que los mantienen.',
  },
  fr: {
    // French puts a (no-break) space before a colon.
    intro: 'Voici ce que disent les documents (extraits cités, pas une réponse générée)\u00a0:',
    notFound:
      'Je n’ai pas trouvé la réponse dans les documents disponibles. Reformulez votre question ou adressez-vous aux personnes qui les tiennent à jour.',
  },
  de: {
    intro: 'Das steht in den Dokumenten (zitierte Passagen, keine generierte Antwort):',
    notFound:
      'Ich habe die Antwort in den verfügbaren Dokumenten nicht gefunden. Formulieren Sie die Frage anders oder wenden Sie sich an die Personen, die die Dokumente pflegen.',
  },
  ar: {
    intro: 'إليك ما تقوله المستندات (مقاطع مقتبسة، وليست إجابة مولَّدة):',
    notFound:
      'لم أجد الإجابة عن ذلك في المستندات المتاحة. جرّب إعادة صياغة سؤالك، أو اسأل الأشخاص المسؤولين عنها.',
  },
  he: {
    intro: 'זה מה שכתוב במסמכים (קטעים מצוטטים, לא תשובה שנוצרה):',
    notFound:
      'לא מצאתי תשובה לכך במסמכים הזמינים. נסו לנסח את השאלה מחדש, או לפנות לאנשים שמתחזקים אותם.',
  },
} as const satisfies Record<string, ExtractiveMessages>;

/** A language the built-in sentences exist in. */
export type ExtractiveLanguage = keyof typeof EXTRACTIVE_MESSAGES;

/**
 * The sentences for a BCP 47 locale ("fr-CA" → French, "iw" → Hebrew),
 * English when the language is unknown or the tag is malformed.
 */
export function extractiveMessages(locale: string | undefined): ExtractiveMessages {
  const language = /^([a-z]{2,3})(?:[-_]|$)/i.exec(locale?.trim() ?? '')?.[1]?.toLowerCase();
  // "iw" is Hebrew's deprecated code, still sent by some older Java and Android stacks.
  const code = language === 'iw' ? 'he' : language;
  return code && Object.hasOwn(EXTRACTIVE_MESSAGES, code)
    ? EXTRACTIVE_MESSAGES[code as ExtractiveLanguage]
    : EXTRACTIVE_MESSAGES.en;
}
