import type { Language } from '../../shared/index.js';

type Phrases = Readonly<Record<Language, string>>;

/**
 * What each weakness keyword maps to (the seed's Agent Analyzer table, in PT-BR like the seed), with
 * the same action in English and Spanish for the asker's language. Keys are matched on the lower-cased
 * weakness text, in any of the three languages.
 */
export const WEAKNESS_ACTIONS: ReadonlyArray<{ keys: readonly string[]; action: Phrases }> = [
  {
    keys: ['grammar', 'gramática', 'gramatica', 'ortografia', 'ortografía', 'spelling'],
    action: {
      pt: 'Revisar guia de redação empresarial + usar corretor ortográfico',
      en: 'Review the business writing guide + use a spell checker',
      es: 'Revisar la guía de redacción empresarial + usar un corrector ortográfico',
    },
  },
  {
    keys: ['tone', 'tom', 'tono', 'empatia', 'empatía', 'empathy'],
    action: {
      pt: 'Treinamento: Comunicação empática + framework de escuta ativa',
      en: 'Training: empathetic communication + active listening framework',
      es: 'Capacitación: comunicación empática + marco de escucha activa',
    },
  },
  {
    keys: ['brand', 'marca'],
    action: {
      pt: 'Estudar brand guidelines + shadowing com top performer',
      en: 'Study the brand guidelines + shadow a top performer',
      es: 'Estudiar las guías de marca + acompañar a un top performer',
    },
  },
  {
    keys: ['response_time', 'response time', 'tempo de resposta', 'tiempo de respuesta', 'lento', 'slow'],
    action: {
      pt: 'Adotar templates para perguntas comuns + priorização de urgentes',
      en: 'Adopt templates for common questions + prioritise urgent ones',
      es: 'Adoptar plantillas para preguntas frecuentes + priorizar las urgentes',
    },
  },
  {
    keys: ['satisfaction', 'satisfação', 'satisfacao', 'satisfacción', 'satisfaccion', 'csat'],
    action: {
      pt: 'Acompanhar CSAT semanal + revisar conversas com nota baixa',
      en: 'Track CSAT weekly + review low-rated conversations',
      es: 'Seguir el CSAT semanal + revisar las conversaciones con nota baja',
    },
  },
  {
    keys: ['escalation', 'escalonamento', 'escalação', 'escalamiento'],
    action: {
      pt: 'Revisar critérios de escalonamento + treinar resolução no primeiro contato',
      en: 'Review the escalation criteria + train first-contact resolution',
      es: 'Revisar los criterios de escalamiento + entrenar la resolución en el primer contacto',
    },
  },
];

/** The closing recommendation of a comparison: learn from the better agent. */
export function learnFromWinner(language: Language, winner: string, strategies: readonly string[]): string {
  const list = strategies.join(', ');
  switch (language) {
    case 'en':
      return `Study ${winner}'s strategies: ${list}`;
    case 'es':
      return `Observar las estrategias de ${winner}: ${list}`;
    case 'pt':
      return `Observar estratégias de ${winner}: ${list}`;
  }
}
