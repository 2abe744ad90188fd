/**
 * Sales registers: the labelling rules separate a lead's first contact (`sdr`, then
 * `sales_prospecting`), plan and price questions (`sales_prospecting`), discounts and payment terms
 * (`sales_negotiation`) and "send the contract / where do I sign" (`sales_closing`); `sales` is the
 * second weakest kind of the leave-one-set-out estimate (bench/router-loso.ts, ~89 %, top-1 ~83 %).
 * These lines contrast the four registers in the same scenarios, in PT-BR, English and Spanish, with
 * the words that draw them elsewhere (a competitor named by a lead is no churn; an ad the lead saw is no
 * campaign question; a bank slip for the first payment of a deal being closed is no billing ticket).
 * Written on 2026-12-04 from the agents' descriptions and the labelling rules of
 * test/fixtures/routing/README.md; never from a trust set's message.
 */
export const BROAD_SALES_REGISTERS: Readonly<Record<string, readonly string[]>> = {
  sdr: [
    'oi, vi o anúncio de vocês no instagram. tenho uma autoescola, como funciona?',
    'boa tarde, me indicaram vocês. somos uma distribuidora de bebidas, dá pra conversar?',
    'olá, quem é o responsável comercial? quero entender o que vocês fazem',
    'oi, quero conhecer a plataforma, alguém pode me apresentar?',
    'hi, your ad showed up on my feed. we run a moving company, what do you offer?',
    'hello, a partner recommended you. who can I talk to about our clinic?',
    'hey, we are a small travel agency looking for a crm, can someone walk me through it?',
    'hola, tengo una ferretería y quiero ordenar mis ventas, ¿me explican cómo trabajan?',
    'buenas, me recomendaron su empresa. somos un estudio contable, ¿podemos hablar?',
    'qué tal, quisiera una demostración para mi equipo de ventas',
  ],
  sales_prospecting: [
    'quanto custa o plano pra uma imobiliária com 6 corretores?',
    'tem plano mensal? qual a diferença entre o básico e o completo?',
    'estamos usando o RD e pensando em mudar, quanto fica o de vocês?',
    'estamos avaliando outros sistemas também, manda a tabela de preços?',
    'what would 10 users cost on the annual plan?',
    'which plan includes whatsapp integration, and how much is it?',
    'we are evaluating three crms including yours, can you send pricing?',
    'cuánto sale el plan para una inmobiliaria de 4 personas?',
    'qué diferencia hay entre el plan básico y el pro? precios por favor',
    'estamos mirando otras opciones además de ustedes, ¿qué precio tienen?',
  ],
  sales_negotiation: [
    'gostamos da proposta mas tá acima do orçamento, dá pra fazer um desconto?',
    'o concorrente ofereceu 20% a menos, vocês cobrem? preferimos fechar com vocês',
    'consigo parcelar a implantação em 3 vezes?',
    'se a gente fechar anual, qual o desconto?',
    'we can sign this quarter if the price comes down a bit',
    'can the setup fee be waived if we take two years?',
    'could we pay quarterly instead of upfront?',
    'nos gusta, pero ¿pueden mejorar el precio si pagamos el año completo?',
    '¿hay descuento si contratamos para las tres sucursales?',
    '¿podemos pagar la implementación en cuotas?',
  ],
  sales_closing: [
    'fechado! me manda o contrato pra assinar',
    'aprovado pela diretoria, qual o próximo passo pra assinar?',
    'onde eu assino? queremos começar semana que vem',
    'manda o boleto da primeira parcela junto com o contrato que a gente assina hoje',
    'deal approved, please send the agreement to our director',
    'ready to go, what do you need from us to sign today?',
    'the docusign link expired, can you send a new one so we can sign',
    'listo, mándenme el contrato para firmar',
    'ya está aprobado, ¿dónde firmo?',
    'enviame el contrato y la primera factura así arrancamos el lunes',
  ],
};
