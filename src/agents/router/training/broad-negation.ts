/**
 * Denied leaving: "not cancelling", "we're not going anywhere", "no me quiero ir", followed (or
 * preceded) by the real request, labelled with the agent for that request (the labelling rule
 * "negations follow the real request"). `real-request.ts` cuts the clearest of these before the
 * classifier; these lines teach the classifier the rest (no restricting word, the denial after the
 * request, a denial in the middle of an e-mail). Written on 2026-12-04 in PT-BR, English and Spanish;
 * never from a trust set's message.
 */
export const BROAD_NEGATION: Readonly<Record<string, readonly string[]>> = {
  support_billing: [
    "I'm not cancelling or anything, I just don't get why this invoice is higher",
    'no plans to leave, I need a copy of the october receipt for my accountant',
    'we are happy customers, no cancellation here, but the card charge looks doubled',
    'não é cancelamento, tá? é que o boleto veio com valor diferente',
    'nem pensei em sair, só preciso da nota fiscal corrigida',
    'no es para darme de baja, es que el cobro vino duplicado',
    'tranquilos que no me voy, solo necesito la factura con otro CUIT',
  ],
  operations_schedule: [
    "not cancelling the service, just need to cancel tomorrow's meeting with your team",
    'this is not about leaving, we just need to push our review call to next week',
    'não quero cancelar o plano, quero cancelar só a visita de amanhã',
    'nada de cancelar contrato, é só a reunião de segunda que precisa mudar',
    'no quiero cancelar la cuenta, solo la reunión del jueves',
  ],
  retention_upsell: [
    "we're not going anywhere, actually we want to add more seats",
    'not leaving at all, we want the bigger plan',
    'longe de cancelar, a gente quer é aumentar o plano',
    'que nada de baja, queremos más usuarios',
  ],
  support_technical: [
    "I don't want to cancel, I just want the export to work",
    'not thinking of leaving, but the mobile app keeps logging me out',
    'não vou cancelar, mas preciso que o whatsapp volte a conectar',
    'no me voy a ir, pero arreglen la sincronización por favor',
  ],
  operations_followup: [
    'not cancelling, but I am still waiting for the callback you promised',
    'não é pra cancelar nada, só quero saber do retorno que ficaram de me dar',
    'no es una baja, solo sigo esperando la respuesta que me prometieron',
  ],
  support_onboarding: [
    'no, we are not cancelling, we just cannot figure out how to set up the pipeline',
    'não quero desistir, só preciso de ajuda pra configurar a conta',
    'no quiero cancelar, solo no entiendo cómo configurar el equipo',
  ],
  sales_prospecting: [
    'not a customer yet, what are your prices?',
    'ainda não sou cliente, quanto custa?',
    'todavía no soy cliente, qué precios tienen?',
  ],
};
