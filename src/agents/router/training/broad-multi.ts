/**
 * Multi-intent messages, labelled with the agent a supervisor would pick first: a threat to leave comes
 * first whatever else is asked; otherwise the request named first (or the blocking one: a system down
 * before a question about a material). Plus general chatter (`balanced`: greetings, opening hours, "is
 * this a bot?") and sarcasm that means leaving. Written on 2026-12-04 from the labelling rules of
 * test/fixtures/routing/README.md, in PT-BR, English and Spanish; never from a trust set's message.
 */
export const BROAD_MULTI: Readonly<Record<string, readonly string[]>> = {
  retention_churn: [
    'o relatório não abre faz dois dias e a mensalidade subiu de novo, assim não dá, vou procurar outro sistema',
    'quero a segunda via do boleto mas já aviso que se não melhorar eu saio',
    'the sync broke again and you raised the price, we are seriously considering leaving',
    'send me last month invoice, and honestly we are about to cancel',
    'la app se cae todo el tiempo y encima subieron el precio, me voy a la competencia',
    'mándenme la factura y de paso les aviso que no vamos a renovar',
    'Parabéns, mais um mês pagando caro por um sistema que não funciona. Vou embora.',
    'wow, another outage, totally worth what we pay 🙄 time to look elsewhere',
    'qué maravilla pagar el doble por un servicio que nunca anda, chau',
  ],
  support_technical: [
    'o whatsapp desconectou e também queria saber se tem material sobre funil',
    'login is broken for my whole team, also when is the next webinar?',
    'no puedo entrar a la cuenta y además quería saber si hay promo para el plan anual',
    'a integração com o shopify parou e depois queria ver quanto custa mais usuários',
  ],
  support_billing: [
    'me cobraram duas vezes e também queria marcar uma reunião com meu gerente',
    'I was charged twice, and also can you send me the case study you mentioned?',
    'necesito la factura corregida y también quiero saber del webinar',
    'a nota fiscal veio errada e ainda queria adicionar um usuário',
  ],
  retention_upsell: [
    'queremos mais 10 licenças e também o link do evento de sexta',
    'we want to upgrade to the pro tier, and could you also resend the invoice?',
    'queremos pasar al plan superior y también necesito la factura de octubre',
  ],
  operations_schedule: [
    'preciso remarcar a reunião de quinta e também queria a apresentação que vocês mostraram',
    'can we move the call to monday? also, is there a discount code going?',
    'hay que mover la reunión del lunes, y de paso me mandan el ebook',
  ],
  marketing_event: [
    'quero me inscrever no webinar e receber o material depois',
    'sign me up for the workshop, and send the slides afterwards please',
    'me anoto al taller del jueves y quisiera la grabación del anterior',
  ],
  sales_closing: [
    'vamos contratar, manda o contrato e já agenda o treinamento',
    'we are in, send the contract and book the kickoff',
    'firmamos, mándenme el contrato y agendemos la capacitación',
  ],
  operations_qa: [
    'o atendente foi mal educado e ainda não resolveu minha fatura',
    'your rep was rude and my ticket is still open',
    'el asesor me trató mal y encima no me resolvió el cobro',
  ],
  balanced: [
    'oi, tudo bem? queria tirar uma dúvida',
    'vocês abrem no feriado?',
    'qual o endereço do escritório de vocês?',
    'é um robô ou uma pessoa falando?',
    'ok obrigado',
    'hello, quick question',
    'what are your opening hours?',
    'are you a bot?',
    'thanks, that is all',
    'hola, una consulta',
    'a qué hora abren?',
    'gracias, nada más',
    'boa noite',
    'hmm',
    'qual o endereço de vocês? preciso mandar uma correspondência',
    'vocês são uma empresa grande? quantos funcionários têm?',
    'há quanto tempo a empresa de vocês existe?',
    'onde fica a sede de vocês?',
    'what is your mailing address? I need to post some documents',
    'how big is your company, how many people work there?',
    'where are you based?',
    'how long has your company been around?',
    'cuál es la dirección de su oficina? tengo que enviar una carta',
    'son una empresa grande? cuántos empleados tienen?',
    'dónde queda su oficina central?',
  ],
  marketing_campaign: [
    'chegou uma mensagem de vocês hoje cedo, é sobre o quê?',
    'chegou um whatsapp de vocês aqui, é promoção?',
    'vi um email de vocês na caixa de entrada, o que é isso?',
    'I got a message from you guys, what is it about?',
    'you sent me a text yesterday, is this an offer?',
    'me llegó un mensaje de ustedes, de qué se trata?',
    'recibí un correo suyo, es alguna promoción?',
  ],
};
