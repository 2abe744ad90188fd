/**
 * Denials, second batch: the `negation` kind is the weakest slice of the leave-one-set-out estimate
 * (bench/router-loso.ts, ~81 %). Besides "not cancelling, just …", customers deny other things before
 * (or after) the real request — a discount, a sales call, a complaint, being upset — with no "just" or
 * "but" to cut on, with laughter or an emoji in between, or with the denial in a sentence of its own.
 * Each line is labelled with the agent for the request that remains (the labelling rule "negations
 * follow the real request"). Written on 2026-12-04 in PT-BR, English and Spanish from the agents'
 * descriptions and the labelling rules of test/fixtures/routing/README.md; never from a trust set's
 * message.
 */
export const BROAD_NEGATION_2: Readonly<Record<string, readonly string[]>> = {
  support_billing: [
    'calma, ninguém aqui quer cancelar kkk a dúvida é o valor da fatura que subiu',
    'não quero desconto nenhum, quero saber por que cobraram duas vezes no cartão',
    'não é reclamação, é que a nota fiscal saiu com o CNPJ errado',
    'sem drama, continuo com vcs. me manda a segunda via do boleto?',
    'não vou trocar de sistema não, relaxa. só preciso do comprovante de pagamento de março',
    'nada de sair, a questão é o reembolso que ainda não caiu',
    "we're staying, don't worry. the receipt for last month never arrived though",
    "no, I'm not asking for a discount. I want to know what the extra line on my invoice is",
    'this is not a complaint about the price, our card was charged twice',
    "haha we're not leaving. could you update the billing email to finance@ instead?",
    'not unhappy at all — I only need the VAT number added to the invoices',
    'nobody here wants to cancel. the refund of the duplicate payment still has not reached our account',
    'no, no vamos a cancelar. necesito que me reenvíen la factura con el RFC correcto',
    'no es queja del precio, es que me cobraron dos veces este mes',
    'nadie habló de irse jaja, solo que el cargo de la tarjeta no coincide con el plan',
    'no busco descuento, quiero entender por qué subió el importe de la factura',
    'tranqui que seguimos, pasame el comprobante del pago de octubre',
  ],
  support_technical: [
    'não tô bravo com preço não, é só que a agenda não sincroniza',
    'não tô pedindo reembolso, só quero que o login volte a funcionar',
    'ninguém falou em cancelar. o relatório simplesmente não carrega desde ontem',
    'não é pra mexer no plano, o problema é que a integração com o whatsapp caiu',
    "I don't want a discount, I want the dashboard to load",
    "no, we're not leaving, relax 😅 the sync with gmail keeps failing though",
    "not asking for money back. the app crashes every time I open a contact, that's all",
    "this isn't about the price. since the update nobody on my team can log in",
    'no quiero descuento, quiero que funcione el sistema',
    'no me voy a ningún lado jaja, pero la app se cierra sola cada rato',
    'no pido reembolso, pido que arreglen el error al exportar',
  ],
  retention_upsell: [
    'que nada de cancelar kkkk, contratamos mais 3 vendedores e precisam de acesso',
    'não pensamos em reduzir, queremos o módulo de automação também',
    'ninguém vai embora não, a equipe cresceu e precisamos de mais licenças',
    "no intention of cancelling, we'd like the premium support package added",
    'not downgrading, the opposite: what would it cost to add another team?',
    'we are not shrinking, we need more storage on our account',
    'irnos? para nada, queremos sumar dos usuarios más',
    'no queremos bajar de plan, al revés, necesitamos más líneas de whatsapp',
  ],
  operations_schedule: [
    'não desisti de nada, só preciso remarcar a reunião de quinta',
    'não é cancelamento do serviço! é a visita técnica de amanhã que não vai dar',
    'not cancelling anything but the training session, could we do monday instead?',
    'we are not going anywhere; please reschedule the visit to thursday',
    'no cancelamos el servicio, solo la llamada del martes. ¿otro día?',
    'no es una baja, la reunión de mañana no me da, ¿la movemos?',
  ],
  operations_followup: [
    'não é reclamação, só tô esperando o retorno que prometeram semana passada',
    "not chasing a refund, I'm waiting on the proposal your colleague said he'd send",
    'no rush and no complaint, just checking in on the ticket from monday',
    'no es queja, solo sigo esperando que me devuelvan la llamada',
  ],
  support_onboarding: [
    'não quero cancelar, quero aprender a cadastrar os produtos',
    "no, I don't want to cancel, I'm new and can't figure out how to import my contacts",
    'not quitting 😅 where is the tutorial for the first setup?',
    'no me quiero dar de baja, recién empiezo y no sé cómo invitar a mi equipo',
  ],
  marketing_event: [
    'não quero proposta, quero saber o horário da palestra de sábado',
    'no sales pitch please, I only want a seat at the meetup',
    'not interested in a demo call — where do I register for the summit?',
    'no me llamen por favor, solo quiero inscribirme al evento del jueves',
  ],
  marketing_campaign: [
    'não quero cancelar a conta, só parar de receber essas promoções',
    "I'm not cancelling my account, just stop the promo emails",
    'no quiero darme de baja del servicio, solo de los correos de publicidad',
  ],
  marketing_content: [
    'não quero comprar nada agora, só o e-book de retenção que vocês anunciaram',
    'not buying anything yet, just send me the case study you mentioned',
    'no quiero contratar nada aún, solo la guía que publicaron en el blog',
  ],
  operations_qa: [
    'não quero cancelar, mas o atendente de ontem foi muito grosso comigo',
    "I'm not leaving over this, but your support rep was rude and I want it reviewed",
    'no me voy a ir por esto, pero la chica de soporte me trató fatal',
  ],
  sales_prospecting: [
    'não sou cliente ainda e não quero ligação, só me passa os preços dos planos',
    'not ready for a call, just tell me what the plans cost',
    'no quiero que me llamen, solo díganme cuánto cuesta el plan para 5 personas',
  ],
};
