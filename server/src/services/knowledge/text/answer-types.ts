/**
 * Answer types: what kind of fact a question asks for (a phone number, an
 * amount of money, a duration…) and which kinds a passage contains. A
 * passage that holds the kind of fact asked for is likelier to answer, even
 * when it shares few words with the question ("What is the EAP phone
 * number?" is answered by "… at 1-800-555-0142").
 */
export type AnswerType = 'phone' | 'money' | 'percent' | 'email' | 'duration' | 'date' | 'age';

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

const IN_TEXT: [AnswerType, RegExp][] = [
  [
    'phone',
    /(?:\+?\d{1,3}[-. ]?)?\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b|\bext(?:ension|\.)?\s*\d{3,5}\b/i,
  ],
  ['money', /[$€£¥]\s?\d|\b\d[\d,.]*\s?(?:dollars|usd|eur|euros|gbp|pounds)\b/i],
  ['percent', /\d\s?%|\bpercent\b/i],
  ['email', /\b[\w.+-]+@[\w-]+\.[\w.-]+\b/],
  [
    'duration',
    /\b\d+(?:[-–]\d+)?\+?\s*(?:business\s+|calendar\s+|paid\s+)?(?:days?|weeks?|months?|years?|hours?|minutes?)\b/i,
  ],
  [
    'date',
    new RegExp(
      `\\b${MONTH}\\.?\\s+\\d{1,2}\\b|\\b\\d{1,2}\\s+${MONTH}\\b|\\b\\d{4}-\\d{2}-\\d{2}\\b`,
      'i',
    ),
  ],
  [
    'age',
    /\b(?:age[sd]?|aged|turns?|under|over)\s+\d{1,3}\b|\b\d{1,3}\s+(?:or older|or younger|years? old)\b/i,
  ],
];

const IN_QUESTION: [AnswerType, RegExp][] = [
  ['phone', /\b(phone|telephone|call|hotline|number to|helpline|extension)\b/i],
  [
    'money',
    /\b(how much|cost|costs|price|pay|pays|paid|fee|amount|stipend|allowance|salary|reimburse\w*|contribut\w*|deductible|copay|premium|budget|match)\b/i,
  ],
  ['percent', /\b(percent\w*|what share|what portion|how much of)\b|%/i],
  ['email', /\b(e-?mail|write to|address)\b/i],
  [
    'duration',
    /\b(how long|how many (days|weeks|months|years|hours)|how soon|how often|how quickly|within|deadline|waiting period)\b/i,
  ],
  ['date', /\b(when|what date|which date|deadline|by what day)\b/i],
  ['age', /\b(what age|how old|until what age|age limit|age)\b/i],
];

/** The kinds of facts a passage contains. */
export function answerTypesIn(text: string): Set<AnswerType> {
  return new Set(IN_TEXT.filter(([, pattern]) => pattern.test(text)).map(([type]) => type));
}

/** The kinds of facts a question asks for. */
export function answerTypesAsked(question: string): Set<AnswerType> {
  return new Set(IN_QUESTION.filter(([, pattern]) => pattern.test(question)).map(([type]) => type));
}

/**
 * The question without its answer-type phrase: "how long", "how much"…
 * say what kind of fact is wanted (see {@link answerTypesAsked}), not what
 * it is about, so "long" must not match "as long as you serve".
 */
export function topicOf(question: string): string {
  return question.replace(/\bhow (long|much|many|often|soon|far|old|big|large|quickly)\b/gi, ' ');
}
