import { normalizeText } from '../../shared/index.js';

/**
 * Whether a message asks to stop receiving messages (an opt-out), in PT-BR, English or Spanish: the
 * carrier keywords alone ("STOP", "SAIR", "BAJA", "unsubscribe") or a request to stop messages, calls
 * or lists ("parar de receber", "me tira dessa lista", "stop texting me", "no me escriban más").
 * An opt-out is a communication preference, not a cancellation: the router sends it to the campaign
 * agent, whose policy confirms and records it, and it never earns a retention offer. Deliberately
 * narrow: "o whatsapp parou de receber mensagens" (a bug) and "cancela a reunião" are not opt-outs.
 *
 * @example isOptOut('STOP') // true
 * @example isOptOut('quero cancelar meu plano') // false
 */
export function isOptOut(text: string): boolean {
  // One message is checked by the router and again by the retention and marketing policies (up to four
  // times a turn), and ~40 expressions are the cost: the last answers are kept.
  const known = answers.get(text);
  if (known !== undefined) return known;
  const answer = optOutCue(text);
  if (text.length > MAX_ANSWER_LENGTH) return answer;
  if (answers.size >= MAX_ANSWERS) answers.delete(answers.keys().next().value as string);
  answers.set(text, answer);
  return answer;
}

/** Recent texts' answers (insertion order: the oldest goes first when full). */
const answers = new Map<string, boolean>();
const MAX_ANSWERS = 64;
/** Longer texts are not kept (a message is routed on its first 2,000 characters anyway). */
const MAX_ANSWER_LENGTH = 4_000;

function optOutCue(text: string): boolean {
  const normalized = normalizeText(text).replace(/(.)\1{2,}/g, '$1');
  if (KEYWORDS.has(normalized)) return true;
  const padded = ` ${normalized} `;
  return PHRASES.some((phrase) => phrase.test(padded));
}

/** Whole-message opt-out keywords (SMS and WhatsApp carriers' conventions, and their PT/ES forms). */
const KEYWORDS = new Set([
  'stop',
  'stop please',
  'please stop',
  'stop all',
  'unsubscribe',
  'unsub',
  'opt out',
  'optout',
  'sair',
  'parar',
  'pare',
  'descadastrar',
  'baja',
  'cancelar suscripcion',
  'alto',
  'remove me',
  'remove me please',
  'please remove me',
  'leave me alone',
]);

const PHRASES: readonly RegExp[] = [
  // PT-BR
  / (parar|pare|parem) de (me )?(receber|mandar|enviar|ligar|encher)/,
  // "para de receber" may be a bug report ("o whatsapp para de receber mensagens"): only the imperative
  / para de (me )?(mandar|enviar|ligar|encher)/,
  / nao (quero|desejo) (mais )?receber /,
  / nao (me )?(mandem?|envie[m]?) mais (nada|mensage|promo|propaganda|oferta|sms|email)/,
  / (me )?(tira|tire|tirem|remove|remova|removam) (meu (numero|contato|email) )?(d[ae]s?s?a|da) lista/,
  / (sair|saia) (d[ae]s?s?a|da) lista/,
  / descadastr/,
  / (chega|basta) de (mensage|propaganda|promo|spam)/,
  / nao (me )?(liguem|ligue|mandem|incomodem|perturbem) mais/,
  / (apaga|apague|apaguem|exclua|excluam|deleta) meu (numero|contato|email|telefone)/,
  / nao quero (mais )?(receber )?(essas |suas |as )?(mensagens|promocoes|propagandas|ofertas|sms|emails|newsletter)/,
  / me (exclui|exclua|excluam) (d[ae]s?s?a|da) lista/,
  / parem com (as mensagens|o spam|as promocoes|esses emails|essas mensagens)/,
  // English
  / unsubscrib/,
  / opt (me )?out /,
  / stop (sending|texting|messaging|emailing|calling|contacting)/,
  / (remove|take) me (off|from) (your|the|this) (mailing |marketing |contact )?list/,
  / (no more|do not send|dont send|don t send) (me )?(marketing|promotional|promo)/,
  / do not (contact|text|message|email|call) me/,
  / (dont|don t) (contact|text|message|email|call) me/,
  / (delete|erase) my (number|phone number|email|contact)/,
  / (stop|quit) (spamming|bothering|pestering) (me|us)/,
  / no more (marketing |promotional |promo )?(emails|texts|messages|newsletters|calls|sms|promos|spam)/,
  / (i )?(do not|dont|don t) want (any )?(more )?(your )?(marketing|promotional|promo|emails|texts|newsletters|sms)/,
  / remove (my (number|email|phone|contact)|me) from /,
  // Spanish
  / no me (escriban|escribas|manden|mandes|envien|llamen|contacten) (mas|nada)/,
  / dejen? de (mandar|enviar|escribir|llamar)(me|nos)?/,
  / (quitenme|sacame|sacarme|quitarme|borrenme|saquenme) de (la|las|esta|su|sus) (lista|difusion)/,
  / (quitar|sacar) de los mensajes/,
  / (de )?baja de (la lista|las listas|los mensajes|los correos|la newsletter|el boletin|las promociones|la publicidad)/,
  / no quiero recibir (mas )?(mensajes|promo|publicidad|ofertas|correos)/,
  / desuscrib/,
  / no quiero (mas )?(sus )?(promociones|correos|newsletters|sms)/,
  / (darme|dame|denme|darnos) de baja de (los |las |la |el )?(mensajes|correos|promociones|newsletter|boletin|lista|publicidad|sms)/,
  / no me (llamen|contacten|molesten) mas/,
  / (borren|eliminen|borra) mi (numero|correo|contacto|telefono)/,
];
